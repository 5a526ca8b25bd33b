import { redactText } from '../../core';
import type { RunResult, TestResult } from '../run';

/**
 * JUnit XML as CI systems read it (GitHub, GitLab, Jenkins): one
 * `<testsuite>` per vendor, a `<testcase>` per test with `<failure>` or
 * `<skipped>`. Written by hand: the format is a handful of elements, and a
 * dependency for it would be the kit's largest. Every text is redacted.
 */
const escape = (text: string): string =>
  redactText(text)
    // XML 1.0 allows no control characters but tab, newline and return.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

const seconds = (ms: number): string => (ms / 1000).toFixed(3);

function testcase(t: TestResult): string {
  const open = `    <testcase classname="${escape(`${t.vendor}.${t.tier}`)}" name="${escape(t.title)}" time="${seconds(t.durationMs)}"`;
  if (t.status === 'passed') return `${open}/>`;
  if (t.status === 'skipped') return `${open}>\n      <skipped message="${escape(t.message ?? '')}"/>\n    </testcase>`;
  const message = t.message ?? 'failed';
  return `${open}>\n      <failure message="${escape(message.split('\n')[0])}">${escape(message)}</failure>\n    </testcase>`;
}

export function junitXml(result: RunResult): string {
  const vendors = [...new Set(result.tests.map((t) => t.vendor))];
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="authmock contract" tests="${result.tests.length}" failures="${result.totals.violated}" skipped="${result.totals.skipped}" time="${seconds(result.durationMs)}">`];
  for (const vendor of vendors) {
    const tests = result.tests.filter((t) => t.vendor === vendor);
    const n = (status: TestResult['status']) => tests.filter((t) => t.status === status).length;
    const time = tests.reduce((sum, t) => sum + t.durationMs, 0);
    lines.push(`  <testsuite name="${escape(vendor)}" tests="${tests.length}" failures="${n('violated')}" errors="0" skipped="${n('skipped')}" time="${seconds(time)}">`);
    lines.push(...tests.map(testcase));
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>', '');
  return lines.join('\n');
}
