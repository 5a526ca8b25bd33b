#!/usr/bin/env node
// Prints one closing line from the JUnit reports jest writes (the parallel run's and the serial
// one's, when given): "jest: N passed, N failed, N skipped".
const fs = require('node:fs');
const files = process.argv.length > 2 ? process.argv.slice(2) : ['reports/junit.xml'];
let tests = 0, failed = 0, skipped = 0;
const xml = files
  .map((file) => {
    if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8');
    console.error(`test-summary: ${file} not found`);
    process.exitCode = 1;
    return '';
  })
  .join('\n');
for (const m of xml.matchAll(/<testsuite\s[^>]*>/g)) {
  const attr = (name) => Number((m[0].match(new RegExp(`\\s${name}="(\\d+)"`)) || [])[1] || 0);
  tests += attr('tests');
  failed += attr('failures') + attr('errors');
  skipped += attr('skipped');
}
console.log(`jest: ${tests - failed - skipped} passed, ${failed} failed, ${skipped} skipped`);
