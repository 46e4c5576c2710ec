// The pinned privacyIDEA lives in a Python virtual environment in a cache folder, made once
// and reused: `$KEYSLOT_PI_VENV`, else node_modules/.cache/privacyidea-venv.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The privacyIDEA release the live tests are written against (PyPI `privacyidea`). */
export const PRIVACYIDEA_VERSION = '3.14';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export function venvDir() {
  // An empty KEYSLOT_PI_VENV counts as unset (resolve('') would be the current folder).
  return resolve(process.env.KEYSLOT_PI_VENV || join(root, 'node_modules/.cache/privacyidea-venv'));
}

export const venvBin = (name) => join(venvDir(), 'bin', name);

/** The installed privacyIDEA version in the venv, or null. */
function installedVersion() {
  const python = venvBin('python');
  if (!existsSync(python)) return null;
  const probe = spawnSync(python, ['-c', "import importlib.metadata as m; print(m.version('privacyidea'))"], {
    encoding: 'utf8',
  });
  return probe.status === 0 ? probe.stdout.trim() : null;
}

/**
 * Makes sure the venv holds exactly PRIVACYIDEA_VERSION; installs it with pip otherwise.
 * Throws with the way to fix it when Python or venv is missing.
 */
export function ensurePrivacyIDEA({ log = console.error } = {}) {
  const found = installedVersion();
  if (found === PRIVACYIDEA_VERSION) return venvDir();
  const python = process.env.KEYSLOT_PYTHON ?? 'python3';
  const dir = venvDir();
  log(`privacyIDEA ${PRIVACYIDEA_VERSION}: installing into ${dir} (found: ${found ?? 'none'})`);
  mkdirSync(dirname(dir), { recursive: true });
  if (!existsSync(join(dir, 'bin', 'python'))) {
    const made = spawnSync(python, ['-m', 'venv', dir], { stdio: 'inherit' });
    if (made.status !== 0) {
      throw new Error(
        `Could not create a Python virtual environment with "${python} -m venv" ` +
          '(Debian/Ubuntu: apt-get install python3-venv; privacyIDEA needs Python >= 3.10).',
      );
    }
  }
  execFileSync(join(dir, 'bin', 'python'), ['-m', 'pip', 'install', '--quiet', `privacyidea==${PRIVACYIDEA_VERSION}`], {
    stdio: 'inherit',
  });
  const now = installedVersion();
  if (now !== PRIVACYIDEA_VERSION) {
    throw new Error(`privacyIDEA ${PRIVACYIDEA_VERSION} did not install into ${dir} (found ${now ?? 'none'})`);
  }
  return dir;
}
