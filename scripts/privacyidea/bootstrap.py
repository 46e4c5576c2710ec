"""Prepares a fresh privacyIDEA instance for Keyslot's live tests.

Runs privacyIDEA's own `pi-manage` commands in one Python process (each
separate `pi-manage` call spends seconds importing Flask): encryption key,
audit signing keys, tables, the admin, and an internal SQL user store with a
realm. Reads the config file from PRIVACYIDEA_CONFIGFILE. Arguments:

    bootstrap.py <admin> <admin-password> <resolver> <realm>

Users and policies are created afterwards over the REST API
(scripts/privacyidea/admin-client.mjs), exactly as an administrator would.
"""
import sys

from privacyidea.cli.pimanage import cli


def run(*args: str) -> None:
    """Runs one pi-manage command; stops with its exit code on failure."""
    try:
        cli.main(list(args), prog_name="pi-manage", standalone_mode=False)
    except SystemExit as exc:  # click's ctx.exit() inside a command
        if exc.code not in (0, None):
            sys.exit(f"pi-manage {' '.join(args[:3])} failed ({exc.code})")


def main() -> None:
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    admin, password, resolver, realm = sys.argv[1:]
    run("setup", "create_enckey")
    run("setup", "create_audit_keys")
    run("setup", "create_tables")
    run("admin", "add", admin, "-p", password)
    run("config", "resolver", "create_internal", resolver)
    run("config", "realm", "create", realm, resolver)
    run("config", "realm", "set_default", realm)


if __name__ == "__main__":
    main()
