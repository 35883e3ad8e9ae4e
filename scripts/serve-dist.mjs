// A small static server for a built site, as a careful host serves it: the headers of each
// directory's `_headers` file (the build writes one into dist/: the Content-Security-Policy and
// caching), the precompressed `.br`/`.gz` beside a file when the browser accepts them, and the
// right types. The end-to-end suite runs the playground through it, under a sub-path.
// Usage: node scripts/serve-dist.mjs SITE_DIR [PORT]   (prints the port it listens on)
import { createServer } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';

const SITE = resolve(process.argv[2] ?? '.');
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.webmanifest': 'application/manifest+json', '.txt': 'text/plain; charset=utf-8',
};

// `_headers`: a path pattern at the start of a line (`*` any characters), then its headers
// indented below it, relative to the directory the file is in.
function rules(directory) {
  const file = join(directory, '_headers');
  if (!existsSync(file)) return [];
  const parsed = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      const pattern = new RegExp('^' + line.trim().split('*').map(s => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
      parsed.push({ pattern, headers: {} });
    } else if (parsed.length) {
      const at = line.indexOf(':');
      parsed[parsed.length - 1].headers[line.slice(0, at).trim()] = line.slice(at + 1).trim();
    }
  }
  return parsed;
}

function headersFor(path) {
  const headers = {};
  // Every `_headers` from the site's root down to the file's directory; deeper ones win.
  let directory = dirname(join(SITE, path));
  const chain = [];
  while (directory.startsWith(SITE)) { chain.unshift(directory); if (directory === SITE) break; directory = dirname(directory); }
  for (const dir of chain) {
    const local = '/' + relative(dir, join(SITE, path)).split(sep).join('/');
    const urlPath = path.endsWith('/index.html') && local.endsWith('/index.html') ? [local, local.slice(0, -'index.html'.length)] : [local];
    for (const rule of rules(dir)) if (urlPath.some(p => rule.pattern.test(p))) Object.assign(headers, rule.headers);
  }
  return headers;
}

const server = createServer((request, response) => {
  let path;
  try { path = decodeURIComponent(new URL(request.url, 'http://x').pathname); } catch { response.writeHead(400); response.end(); return; }
  if (path.endsWith('/')) path += 'index.html';
  const file = join(SITE, path);
  if (!file.startsWith(SITE + sep) || !existsSync(file)) { response.writeHead(404); response.end('not found'); return; }
  if (statSync(file).isDirectory()) { response.writeHead(301, { Location: request.url.replace(/^([^?]*)/, '$1/') }); response.end(); return; }
  const accepts = String(request.headers['accept-encoding'] ?? '');
  const headers = { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', Vary: 'Accept-Encoding', ...headersFor(path) };
  let body;
  if (/\bbr\b/.test(accepts) && existsSync(file + '.br')) { body = readFileSync(file + '.br'); headers['Content-Encoding'] = 'br'; }
  else if (/\bgzip\b/.test(accepts) && existsSync(file + '.gz')) { body = readFileSync(file + '.gz'); headers['Content-Encoding'] = 'gzip'; }
  else body = readFileSync(file);
  response.writeHead(200, { ...headers, 'Content-Length': body.length });
  response.end(request.method === 'HEAD' ? undefined : body);
});
server.listen(Number(process.argv[3] ?? 0), '127.0.0.1', () => console.log(server.address().port));
