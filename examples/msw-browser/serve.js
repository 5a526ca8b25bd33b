#!/usr/bin/env node
// node examples/msw-browser/serve.js PORT: serves the page, authmock's browser bundle of
// `authmock/msw` and msw's service worker on http://localhost:PORT. No bundler, no build here.
'use strict';
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');

const port = Number(process.argv[2] ?? 8080);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error('usage: node examples/msw-browser/serve.js PORT');
  process.exit(2);
}

// From an installed package (node_modules/authmock) or, in a clone, the repository's own build.
function authmockRoot() {
  try {
    return path.dirname(require.resolve('authmock/package.json', { paths: [process.cwd(), __dirname] }));
  } catch {
    return path.join(__dirname, '..', '..');
  }
}

const root = authmockRoot();
const files = {
  '/': [path.join(__dirname, 'index.html'), 'text/html; charset=utf-8'],
  '/app.js': [path.join(__dirname, 'app.js'), 'text/javascript; charset=utf-8'],
  // The build that holds msw too: no bundler resolves `msw` for this page.
  '/authmock-msw.js': [path.join(root, 'dist', 'browser', 'authmock-msw.standalone.js'), 'text/javascript; charset=utf-8'],
  '/mockServiceWorker.js': [path.join(path.dirname(require.resolve('msw/package.json', { paths: [process.cwd(), root] })), 'lib', 'mockServiceWorker.js'), 'text/javascript; charset=utf-8'],
};

const server = http.createServer((req, res) => {
  const file = files[(req.url ?? '/').split('?')[0]];
  if (!file || (req.method !== 'GET' && req.method !== 'HEAD')) {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    return;
  }
  fs.readFile(file[0], (err, body) => {
    if (err) {
      res.writeHead(500, { 'Content-Type': 'text/plain' }).end(`cannot read ${path.basename(file[0])}: run npm run build`);
      return;
    }
    res.writeHead(200, { 'Content-Type': file[1], 'Cache-Control': 'no-store' }).end(req.method === 'HEAD' ? undefined : body);
  });
});

server.listen(port, 'localhost', () => console.log(`msw example on http://localhost:${server.address().port}`));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
