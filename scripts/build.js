#!/usr/bin/env node
// `npm run build`: types from the specs, the TypeScript build, the console's browser modules, and an executable bin
// (tsc keeps the shebang but not the mode, and `npx authmock` in a clone runs the file itself).
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const BIN = path.join(ROOT, 'dist', 'mock-server', 'cli.js');

function build() {
  execFileSync(process.execPath, [path.join(__dirname, 'generate-types.js')], { cwd: ROOT, stdio: 'inherit' });
  const tsc = require.resolve('typescript/bin/tsc', { paths: [ROOT] });
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
  // The developer console's browser modules (dist/console), with the DOM library and ES modules.
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.console.json'], { cwd: ROOT, stdio: 'inherit' });
  fs.chmodSync(BIN, 0o755);
  // The specs dereferenced and their validators as code (dist/generated/specs), so a start compiles nothing.
  execFileSync(process.execPath, [path.join(ROOT, 'dist', 'scripts', 'precompile-specs.js')], { cwd: ROOT, stdio: 'inherit' });
  // The browser build of authmock/msw (dist/browser/authmock-msw.js), from the sources and the precompiled specs.
  execFileSync(process.execPath, [path.join(__dirname, 'build-msw-browser.js')], { cwd: ROOT, stdio: 'inherit' });
}

module.exports = { build, ROOT };

if (require.main === module) {
  try {
    build();
  } catch (err) {
    process.exitCode = typeof err.status === 'number' ? err.status : 1;
  }
}
