#!/usr/bin/env node
// Starts a Prism mock of every vendor spec, on port 4010 + the spec's x-authmock-vendor order
// (Edge Impulse on 4011, EMnify on 4012, Akana on 4013).
// Extra arguments go to every Prism (e.g. `npm run mock:prism -- -v silent`). Ctrl-C stops them all.
const { spawn } = require('node:child_process');
const path = require('node:path');
const { loadVendors } = require('./vendors');

const root = path.join(__dirname, '..');
const prism = path.join(root, 'node_modules', '.bin', 'prism');
const extra = process.argv.slice(2);
const host = process.env.PRISM_HOST || '127.0.0.1';

const children = [];

let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
loadVendors().then(
  (vendors) => {
    for (const v of vendors) {
      const port = 4010 + v.order;
      const child = spawn(prism, ['mock', '-h', host, '-p', String(port), ...extra, v.file], { stdio: ['ignore', 'inherit', 'inherit'] });
      console.log(`Prism mock of ${v.id}: http://${host}:${port} (pid ${child.pid})`);
      children.push(child);
      child.on('exit', (code) => {
        if (!stopping && code !== 0) {
          console.error(`a Prism mock exited with ${code}; stopping the others`);
          stop();
          process.exitCode = 1;
        }
      });
    }
  },
  (err) => {
    console.error(`prism-mocks: ${err.message}`);
    process.exitCode = 1;
  },
);
