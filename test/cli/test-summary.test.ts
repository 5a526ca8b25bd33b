import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
  missing: string[];
}
// The CommonJS helper npm test's verdict line and .ci/run's closing line both come from.
const { countTests, countsLine } = require('../../scripts/test-summary') as { countTests: (files: string[]) => Counts; countsLine: (c: Counts) => string };

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authmock-summary-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function report(name: string, suites: string[]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `<?xml version="1.0"?>\n<testsuites>\n${suites.map((s) => `  <testsuite ${s}></testsuite>`).join('\n')}\n</testsuites>\n`);
  return file;
}

describe('the test summary', () => {
  test.each([
    ['one clean suite', [['name="a" tests="5" failures="0" errors="0" skipped="0"']], '5 passed, 0 failed, 0 skipped'],
    ['failures and errors as failed, skips apart', [['name="a" tests="10" failures="2" errors="1" skipped="3"']], '4 passed, 3 failed, 3 skipped'],
    ['the parallel and the serial report together', [['name="a" tests="4" failures="1" errors="0" skipped="0"'], ['name="b" tests="2" failures="0" errors="0" skipped="1"']], '4 passed, 1 failed, 1 skipped'],
  ])('counts %s', (_label, files, line) => {
    const counts = countTests(files.map((suites, i) => report(`r${i}-${line.length}.xml`, suites)));
    expect(countsLine(counts)).toBe(line);
    expect(counts.missing).toEqual([]);
  });

  test('a report that is not there counts nothing and is named as missing', () => {
    const absent = path.join(dir, 'absent.xml');
    const counts = countTests([absent]);
    expect(countsLine(counts)).toBe('0 passed, 0 failed, 0 skipped');
    expect(counts.missing).toEqual([absent]);
  });
});
