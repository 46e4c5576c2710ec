// The nginx and Caddy recipes, taken word for word from the deployment docs and changed only
// where a test on loopback must differ from a real host (address, port, dist/ folder). Every
// change must match exactly once, so a recipe that drifts from what these expect fails loudly
// instead of being tested in some other form.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const DOCS = 'docs/deploying.md';

/** The one fenced block of `language` in the deployment docs. */
export function codeBlock(language: string): string {
  const text = readFileSync(path.join(root, DOCS), 'utf8');
  const blocks = [...text.matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g'))];
  if (blocks.length !== 1) throw new Error(`${DOCS}: expected one \`\`\`${language} block, found ${blocks.length}`);
  return blocks[0]![1]!;
}

/** Replaces `from` (which must occur exactly once in `text`) by `to`. */
function replaceOnce(text: string, from: string | RegExp, to: string, what: string): string {
  const pattern =
    typeof from === 'string'
      ? new RegExp(from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g')
      : new RegExp(from.source, 'g');
  const hits = text.match(pattern)?.length ?? 0;
  if (hits !== 1)
    throw new Error(`The ${what} recipe changed: expected "${String(from)}" once, found it ${hits} times`);
  return text.replace(pattern, () => to);
}

/**
 * The nginx recipe's files, split on their `# /etc/nginx/...` header comments:
 * { 'snippets/keyslot-headers.conf': ..., 'sites-available/keyslot': ... }.
 */
export function nginxFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  let current: string | undefined;
  for (const line of codeBlock('nginx').split('\n')) {
    const header = /^# \/etc\/nginx\/(\S+)/.exec(line);
    if (header) current = header[1]!;
    else if (current) files[current] = (files[current] ?? '') + line + '\n';
    else if (line.trim()) throw new Error(`nginx recipe: "${line}" comes before any "# /etc/nginx/<file>" header`);
  }
  return files;
}

/**
 * A complete nginx.conf around the recipe's site (its `http` part is what Debian's own
 * nginx.conf provides), listening on 127.0.0.1:`port` and serving `dist`: plain HTTP, or with
 * `tls` the recipe's own `listen ... ssl` with that certificate (for `nginx -t`).
 * `prefix` holds the snippets folder, temporary files and the log.
 */
export function nginxConfig(
  port: number,
  dist: string,
  prefix: string,
  tls?: { cert: string; key: string },
): { conf: string; snippets: Record<string, string> } {
  const files = nginxFiles();
  const site = files['sites-available/keyslot'];
  if (!site) throw new Error('nginx recipe: no "# /etc/nginx/sites-available/keyslot" file');
  let server: string;
  if (tls) {
    server = replaceOnce(site, /listen 443 /, `listen 127.0.0.1:${port} `, 'nginx');
    server = replaceOnce(server, /ssl_certificate \S+;/, `ssl_certificate ${tls.cert};`, 'nginx');
    server = replaceOnce(server, /ssl_certificate_key \S+;/, `ssl_certificate_key ${tls.key};`, 'nginx');
  } else {
    server = replaceOnce(site, /listen 443 ssl[^;]*;/, `listen 127.0.0.1:${port};`, 'nginx');
    server = server.replace(/\n *ssl_\w+ [^\n]*/g, ''); // certificates belong to TLS
  }
  server = replaceOnce(server, 'root /srv/keyslot/dist;', `root ${dist};`, 'nginx');
  const snippets = Object.fromEntries(Object.entries(files).filter(([name]) => name.startsWith('snippets/')));
  const conf = `daemon off;
master_process off;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log;
events {}
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  client_body_temp_path ${prefix}/body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
${server}
}
`;
  return { conf, snippets };
}

/** The Caddy recipe as a Caddyfile on http://127.0.0.1:`port` (no certificate, no admin API), serving `dist`. */
export function caddyfile(port: number, dist: string): string {
  let site = replaceOnce(codeBlock('caddy'), /^keyslot\.example\.org \{/m, `http://127.0.0.1:${port} {`, 'Caddy');
  site = replaceOnce(site, 'root * /srv/keyslot/dist', `root * ${dist}`, 'Caddy');
  return `{\n\tadmin off\n\tauto_https off\n}\n${site}`;
}
