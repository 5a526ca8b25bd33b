#!/usr/bin/env node
// Starts Prism mocks of the three vendor specs: Edge Impulse on 4011, EMnify on 4012, Akana on 4013.
// Extra arguments go to every Prism (e.g. `npm run mock:prism -- -v silent`). Ctrl-C stops them all.
const { spawn } = require('node:child_process');
const path = require('node:path');

const root = path.join(__dirname, '..');
const prism = path.join(root, 'node_modules', '.bin', 'prism');
const MOCKS = [
  ['edge-impulse', 4011],
  ['emnify', 4012],
  ['akana', 4013],
];
const extra = process.argv.slice(2);
const host = process.env.PRISM_HOST || '127.0.0.1';

const children = MOCKS.map(([name, port]) => {
  const child = spawn(prism, ['mock', '-h', host, '-p', String(port), ...extra, path.join(root, 'specs', `${name}.openapi.yaml`)], { stdio: ['ignore', 'inherit', 'inherit'] });
  console.log(`Prism mock of ${name}: http://${host}:${port} (pid ${child.pid})`);
  return child;
});

let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const c of children) {
  c.on('exit', (code) => {
    if (!stopping && code !== 0) {
      console.error(`a Prism mock exited with ${code}; stopping the others`);
      stop();
      process.exitCode = 1;
    }
  });
}
