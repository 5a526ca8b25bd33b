// Servers the packed-package test puts between the installed `authmock contract` and a
// mock started from the install: `node package-servers.cjs MODE UPSTREAM PORTFILE`.
//   broken   answers a few operations wrongly (each named below) and passes the rest on;
//   forward  a forward proxy (absolute-form requests and CONNECT), counting requests;
//   gateway  a reverse proxy that answers every 7th vendor call with a plain-text
//            429 and Retry-After: 1, as a busy API gateway does, and counts them.
// It writes its port to PORTFILE, its counts to PORTFILE.counts, and ends on SIGTERM or
// after ten minutes at most.
'use strict';
const http = require('node:http');
const net = require('node:net');
const fs = require('node:fs');

const [mode, upstream, portFile] = process.argv.slice(2);
const target = new URL(upstream);
const counts = { requests: 0, connects: 0, throttled: 0 };
const save = () => fs.writeFileSync(`${portFile}.counts`, JSON.stringify(counts));

// What `broken` breaks: one operation of each vendor, each in another way.
const BROKEN = {
  'POST /v1/api-login': { status: 200, headers: { 'Content-Type': 'application/json' }, body: '{"token":5}' },
  'POST /api/v1/authenticate': { status: 200, headers: { 'Content-Type': 'text/html' }, body: '<p>ok</p>' },
  'POST /api/users/resendActivation': { status: 201, headers: {}, body: '' },
};

function pass(req, res, url, headers = req.headers) {
  const out = http.request({ host: target.hostname, port: target.port, method: req.method, path: url, headers }, (answer) => {
    res.writeHead(answer.statusCode, answer.headers);
    answer.pipe(res);
  });
  out.on('error', () => res.writeHead(502).end('upstream failed'));
  req.pipe(out);
}

const server = http.createServer((req, res) => {
  counts.requests++;
  save();
  if (mode === 'broken') {
    const broken = BROKEN[`${req.method} ${req.url.split('?')[0]}`];
    if (broken) {
      req.resume();
      return req.on('end', () => res.writeHead(broken.status, broken.headers).end(broken.body));
    }
    return pass(req, res, req.url);
  }
  if (mode === 'gateway') {
    if (!req.url.startsWith('/__') && counts.requests % 7 === 0) {
      counts.throttled++;
      save();
      req.resume();
      return req.on('end', () => res.writeHead(429, { 'Content-Type': 'text/plain', 'Retry-After': '1' }).end('Too Many Requests'));
    }
    return pass(req, res, req.url);
  }
  // forward: an absolute-form request line names the origin.
  const url = new URL(req.url);
  const out = http.request({ host: url.hostname, port: url.port, method: req.method, path: url.pathname + url.search, headers: req.headers }, (answer) => {
    res.writeHead(answer.statusCode, answer.headers);
    answer.pipe(res);
  });
  out.on('error', () => res.writeHead(502).end('proxy: upstream failed'));
  req.pipe(out);
});

// A proxy client may tunnel even plain HTTP through CONNECT.
server.on('connect', (req, socket, head) => {
  counts.connects++;
  save();
  const [host, port] = req.url.split(':');
  const upstreamSocket = net.connect(Number(port), host, () => {
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    upstreamSocket.write(head);
    upstreamSocket.pipe(socket);
    socket.pipe(upstreamSocket);
  });
  upstreamSocket.on('error', () => socket.destroy());
  socket.on('error', () => upstreamSocket.destroy());
});

server.listen(0, '127.0.0.1', () => {
  save();
  fs.writeFileSync(portFile, String(server.address().port));
});
process.on('SIGTERM', () => process.exit(0));
setTimeout(() => process.exit(0), 600_000).unref();
