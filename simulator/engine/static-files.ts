// Serves a built dashboard (`NODE_ENV=dev vue-cli-service build` output) for every non-API GET, with an
// index.html fallback so client-side routes (/c/_/manager/…) load the app.

import fs from 'fs';
import path from 'path';
import type { ServerResponse } from 'http';

const MIME: Record<string, string> = {
  '.js':    'application/javascript',
  '.mjs':   'application/javascript',
  '.css':   'text/css',
  '.html':  'text/html; charset=utf-8',
  '.svg':   'image/svg+xml',
  '.png':   'image/png',
  '.jpg':   'image/jpeg',
  '.gif':   'image/gif',
  '.ico':   'image/x-icon',
  '.woff':  'font/woff',
  '.woff2': 'font/woff2',
  '.ttf':   'font/ttf',
  '.eot':   'application/vnd.ms-fontobject',
  '.json':  'application/json',
  '.map':   'application/json',
  '.txt':   'text/plain',
};

export function serveStatic(root: string, urlPath: string, res: ServerResponse) {
  const abs = path.resolve(root);
  let file = path.join(abs, path.normalize(decodeURIComponent(urlPath)).replace(/^(\.\.[/\\])+/, ''));

  if (!file.startsWith(abs) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
    file = path.join(abs, 'index.html');
  }
  if (!fs.existsSync(file)) {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end(`no dashboard build in ${ abs }`);

    return;
  }
  const html = file.endsWith('.html');

  res.writeHead(200, { 'content-type': MIME[path.extname(file)] || 'application/octet-stream', 'cache-control': html ? 'no-cache' : 'max-age=3600' });
  fs.createReadStream(file).pipe(res);
}
