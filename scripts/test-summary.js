#!/usr/bin/env node
// Prints one closing line from the JUnit reports jest writes (the parallel run's and the serial
// one's, when given): "jest: N passed, N failed, N skipped".
'use strict';
const fs = require('node:fs');

/** The counts in these JUnit files; `missing` lists the files that are not there. */
function countTests(files) {
  let tests = 0, failed = 0, skipped = 0;
  const missing = files.filter((file) => !fs.existsSync(file));
  const xml = files.filter((file) => fs.existsSync(file)).map((file) => fs.readFileSync(file, 'utf8')).join('\n');
  for (const m of xml.matchAll(/<testsuite\s[^>]*>/g)) {
    const attr = (name) => Number((m[0].match(new RegExp(`\\s${name}="(\\d+)"`)) || [])[1] || 0);
    tests += attr('tests');
    failed += attr('failures') + attr('errors');
    skipped += attr('skipped');
  }
  return { passed: tests - failed - skipped, failed, skipped, missing };
}

const countsLine = ({ passed, failed, skipped }) => `${passed} passed, ${failed} failed, ${skipped} skipped`;

module.exports = { countTests, countsLine };

if (require.main === module) {
  const files = process.argv.length > 2 ? process.argv.slice(2) : ['reports/junit.xml'];
  const counts = countTests(files);
  for (const file of counts.missing) console.error(`test-summary: ${file} not found`);
  if (counts.missing.length) process.exitCode = 1;
  console.log(`jest: ${countsLine(counts)}`);
}
