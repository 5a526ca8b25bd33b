#!/usr/bin/env node
// The jest part of `npm test`: the parallel run, then the time-sensitive serial one
// (jest.serial.config.js), then one verdict line, last, so it is the line a terminal or a
// CI log ends with: "npm test: passed (812 passed, 0 failed, 3 skipped)". Arguments go to
// both runs (`npm test -- test/cli` runs what matches there). Exits with the first failure's status.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { countTests, countsLine } = require('./test-summary');

const ROOT = path.join(__dirname, '..');
const JEST = require.resolve('jest/bin/jest', { paths: [ROOT] });
const REPORTS = { parallel: path.join(ROOT, 'reports', 'junit.xml'), serial: path.join(ROOT, 'reports', 'junit-serial.xml') };
const args = process.argv.slice(2);

function jest(extra) {
  const r = spawnSync(process.execPath, [JEST, ...extra, ...args], { cwd: ROOT, stdio: 'inherit' });
  return r.status ?? 1;
}

// A report left from an earlier run must not count in this one.
for (const file of Object.values(REPORTS)) fs.rmSync(file, { force: true });
const runs = [REPORTS.parallel];
let status = jest([]);
let note = '';
if (status === 0) {
  runs.push(REPORTS.serial);
  // With a path filter the serial config may match nothing, which is no failure.
  status = jest(['-c', 'jest.serial.config.js', ...(args.length ? ['--passWithNoTests'] : [])]);
} else {
  note = '; the serial tests did not run';
}
const counts = countTests(runs);
if (status !== 0 && counts.failed === 0) note += `; jest exited with ${status}${counts.missing.length ? ' before writing its report' : ''}`;
console.log(`\nnpm test: ${status === 0 ? 'passed' : 'FAILED'} (${countsLine(counts)}${note})`);
process.exit(status);
