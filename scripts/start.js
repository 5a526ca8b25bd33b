#!/usr/bin/env node
// `npm start`: builds only when a source is newer than its compiled file, then runs the
// mock in this very process, so a signal to `npm start` reaches the server and nothing
// is left behind. An unchanged start costs a few hundred stat calls, not a build.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { build, ROOT } = require('./build');

const DIST = path.join(ROOT, 'dist');
// What the server runs; tests and the contract suites are not part of it.
const SOURCE_DIRS = ['mock-server', 'contracts', 'fixtures'];
const SKIP = new Set(['jest', 'suites', 'node_modules']);

function* sources(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP.has(entry.name)) yield* sources(full);
    } else if (/\.(tsx?|json)$/.test(entry.name) && !/\.(test|d)\.ts$/.test(entry.name)) {
      yield full;
    }
  }
}

/** The first source whose compiled file is missing or older, or undefined when the build is current. */
function staleSource() {
  if (!fs.existsSync(path.join(DIST, 'mock-server', 'main.js'))) return 'dist/mock-server/main.js (no build yet)';
  for (const dir of SOURCE_DIRS) {
    for (const file of sources(path.join(ROOT, dir))) {
      const rel = path.relative(ROOT, file);
      const out = path.join(DIST, rel.replace(/\.ts$/, '.js'));
      // JSON files are only emitted when imported; one that is not has nothing to compare.
      if (rel.endsWith('.json') && !fs.existsSync(out)) continue;
      if (!fs.existsSync(out) || fs.statSync(out).mtimeMs < fs.statSync(file).mtimeMs) return rel;
    }
  }
  // The console's browser modules: console/src/x.tsx becomes dist/console/x.js.
  const consoleSources = path.join(ROOT, 'console', 'src');
  for (const file of fs.existsSync(consoleSources) ? sources(consoleSources) : []) {
    const rel = path.relative(consoleSources, file);
    const out = path.join(DIST, 'console', rel.replace(/\.tsx?$/, '.js'));
    if (!fs.existsSync(out) || fs.statSync(out).mtimeMs < fs.statSync(file).mtimeMs) return path.join('console', 'src', rel);
  }
  return undefined;
}

const stale = staleSource();
if (stale) {
  console.log(`authmock: ${stale} changed, building first`);
  try {
    build();
  } catch {
    console.error('authmock: the build failed (see above)');
    process.exit(1);
  }
}
const { serve } = require(path.join(DIST, 'mock-server', 'main.js'));
serve(process.argv.slice(2)).catch((err) => {
  console.error(`authmock: ${err.message}`);
  process.exit(1);
});
