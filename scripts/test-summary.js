#!/usr/bin/env node
// Prints one closing line from the JUnit report jest writes: "jest: N passed, N failed, N skipped".
const fs = require('node:fs');
const file = process.argv[2] || 'reports/junit.xml';
if (!fs.existsSync(file)) {
  console.error(`test-summary: ${file} not found`);
  process.exit(1);
}
const xml = fs.readFileSync(file, 'utf8');
let tests = 0, failed = 0, skipped = 0;
for (const m of xml.matchAll(/<testsuite\s[^>]*>/g)) {
  const attr = (name) => Number((m[0].match(new RegExp(`\\s${name}="(\\d+)"`)) || [])[1] || 0);
  tests += attr('tests');
  failed += attr('failures') + attr('errors');
  skipped += attr('skipped');
}
console.log(`jest: ${tests - failed - skipped} passed, ${failed} failed, ${skipped} skipped`);
