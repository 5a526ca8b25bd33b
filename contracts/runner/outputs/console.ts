import { redactText } from '../../core';
import type { KitEnvironment } from '../../kit/environment';
import type { SuitePlan } from '../plan';
import type { RunResult, TestResult } from '../run';

/** What the terminal shows: a line per test as it ends, a short summary, and the verdict last. */

const indent = (text: string, by = '    '): string => text.replace(/^/gm, by);

export function resultLine(r: TestResult): string {
  const where = `${r.vendor} › ${r.title}`;
  if (r.status === 'passed') return `✓ ${where} (${r.durationMs} ms)`;
  if (r.status === 'skipped') return `○ ${where} — skipped: ${r.message ?? ''}`;
  return `✗ ${where}\n${indent(r.message ?? 'failed')}`;
}

/** `contract: N passed, M violated, K skipped`: the run's last line, which CI logs show first. */
export const verdictLine = (totals: RunResult['totals']): string => `contract: ${totals.passed} passed, ${totals.violated} violated, ${totals.skipped} skipped`;

export function summaryLines(result: RunResult): string[] {
  const { report } = result;
  const t = report.totals;
  const lines = ['', `Coverage: ${t.exercisedResponses} of ${t.documentedResponses} documented responses exercised in ${t.exchanges} exchanges (the JSON report lists each).`];
  if (report.inferredSeen.length) lines.push(`Responses the spec marks x-inferred that the target gave: ${report.inferredSeen.map((i) => `${i.vendor} ${i.operationId} ${i.status} ×${i.count}`).join('; ')}.`);
  if (report.observations.length) {
    lines.push('Observations:');
    for (const o of report.observations) lines.push(`  ${o.vendor}: ${o.label}: ${o.text}`);
  }
  if (report.skipped.length) {
    lines.push('Skipped tiers:');
    for (const s of report.skipped) lines.push(`  ${s.vendor} ${s.tier}: ${s.reason}`);
  }
  if (report.faulted.length) lines.push(`${report.faulted.length} answer(s) came from fault rules of the target and were not judged.`);
  if (result.retries.length) {
    const waited = result.retries.reduce((n, r) => n + r.waitedMs, 0);
    lines.push(`Retried ${result.retries.length} gateway answer(s) (429/503 with Retry-After, not the vendor's documented answer), waiting ${(waited / 1000).toFixed(1)} s: ${result.retries.map((r) => `${r.vendor} ${r.operationId} ${r.status}`).join(', ')}.`);
  }
  if (result.pacedMs > 0) lines.push(`Waited ${(result.pacedMs / 1000).toFixed(1)} s to stay under the vendors' documented rate limits (x-rate-limit).`);
  const failed = result.tests.filter((x) => x.status === 'violated');
  if (failed.length) {
    lines.push('Violated:');
    for (const f of failed) lines.push(`  ${f.vendor} › ${f.title}: ${(f.message ?? '').split('\n')[0]}`);
  }
  return lines.map(redactText);
}

/** `--list`: what would run, from the definitions and the settings alone; nothing is called. */
export function listLines(plans: { plan: SuitePlan; target?: string; ops: number }[], env: KitEnvironment): string[] {
  const lines = ['Nothing is called: this is what a run with these settings would do.', `Tiers selected: ${[...env.tiers].join(', ')}; writes ${env.allowWrites ? 'allowed' : 'not allowed (--allow-writes)'}.`];
  const changing: string[] = [];
  for (const { plan, target, ops } of plans) {
    lines.push('', `${plan.vendor}: ${target ? `target ${target}` : 'no target (set --target, CONTRACT_BASE_URL or its own CONTRACT_<VENDOR>_URL)'}`);
    const tiers = [...new Set(plan.tests.map((t) => t.tier))];
    for (const tier of tiers) {
      const tests = plan.tests.filter((t) => t.tier === tier);
      const blocked = plan.skippedTiers.find((s) => s.tier === tier);
      const operations = [...new Set(tests.flatMap((t) => t.options.calls))];
      const state = blocked ? `skipped: ${blocked.reason}` : tier === 'flow' ? 'runs where the target has the authmock admin API (the mock), in a fresh tenant; checked at run time' : 'runs';
      lines.push(`  ${tier} tier (${state}): ${tests.length} tests, ${operations.length} of ${ops} operations`);
      lines.push(`    ${operations.join(', ')}`);
      for (const t of tests) {
        if (t.options.changes === undefined) continue;
        changing.push(`  ${plan.vendor} ${tier} › ${t.title}: ${t.options.calls.join(', ')} — changes ${t.options.changes}${t.skip ? ` (skipped: ${t.skip})` : ''}`);
      }
    }
  }
  lines.push('', 'Calls that would change data on the target:');
  lines.push(...(changing.length ? changing : ['  none outside the flow tier']));
  lines.push('  and every flow-tier test, in a fresh tenant of the mock that is dropped at the end (or in the mock itself when it has no tenants).');
  return lines.map(redactText);
}
