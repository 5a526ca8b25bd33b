import { redactText } from '../../core';
import type { RunResult } from '../run';

/**
 * What GitHub Actions shows of a run: an `::error` annotation per violation
 * (on the run's page and the pull request) and a Markdown summary appended
 * to $GITHUB_STEP_SUMMARY. Both are redacted like every other output.
 */

// Workflow commands end at a newline and treat % specially: escape as the runner expects.
const data = (text: string): string => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const property = (text: string): string => data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** One `::error` line per violation of the spec, then one per other failure (unreachable, refused, a wrong status). */
export function annotations(result: RunResult): string[] {
  const lines = new Set<string>();
  for (const v of result.report.violations) lines.add(`::error title=${property(`contract: ${v.operation}`)}::${data(redactText(v.message))}`);
  for (const t of result.tests) {
    if (t.status !== 'violated' || !t.message) continue;
    // A test that failed on a violation is already annotated by the violation itself.
    if (result.report.violations.some((v) => t.message!.includes(v.message))) continue;
    lines.add(`::error title=${property(`contract: ${t.vendor}: ${t.title}`)}::${data(redactText(t.message.split('\n')[0]))}`);
  }
  return [...lines];
}

const cell = (text: string): string => redactText(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function stepSummary(result: RunResult, verdict: string): string {
  const { report } = result;
  const vendors = [...new Set(result.tests.map((t) => t.vendor))];
  const lines = [`## authmock contract`, '', `**${verdict}**`, '', '| vendor | target | passed | violated | skipped |', '|---|---|---|---|---|'];
  for (const vendor of vendors) {
    const tests = result.tests.filter((t) => t.vendor === vendor);
    const n = (status: string) => tests.filter((t) => t.status === status).length;
    lines.push(`| ${cell(vendor)} | ${cell(report.targets[vendor] ?? '(none)')} | ${n('passed')} | ${n('violated')} | ${n('skipped')} |`);
  }
  const t = report.totals;
  lines.push('', `${t.exercisedResponses} of ${t.documentedResponses} documented responses exercised in ${t.exchanges} exchanges.`);
  const failed = result.tests.filter((x) => x.status === 'violated');
  if (failed.length) {
    lines.push('', '### Violated', '');
    for (const f of failed) lines.push(`- **${cell(f.vendor)}** ${cell(f.title)}: ${cell((f.message ?? '').split('\n').slice(0, 2).join(' '))}`);
  }
  const skippedTiers = report.skipped;
  if (skippedTiers.length) {
    lines.push('', '### Skipped tiers', '');
    for (const s of skippedTiers) lines.push(`- ${cell(s.vendor)} ${s.tier}: ${cell(s.reason)}`);
  }
  if (result.retries.length) lines.push('', `${result.retries.length} answer(s) of a busy gateway (429/503 with Retry-After) were retried.`);
  return `${lines.join('\n')}\n`;
}
