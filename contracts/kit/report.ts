import fs from 'node:fs';
import path from 'node:path';
import { redact, redactText, type CompiledSpec, type Violation } from '../core';
import type { Exchange } from './client';

/** What one vendor suite found, written by the suite and merged after the run. */
export interface SuiteReport {
  vendor: string;
  target: string;
  exchanges: Exchange[];
  observations: Observation[];
  skipped: { tier: string; reason: string }[];
}

/** A fact about the target worth knowing, especially where the spec only guesses (x-inferred). */
export interface Observation {
  /** What was observed, in words; named `label`, not `key`, which redaction treats as a secret's name. */
  label: string;
  text: string;
}

export interface CoverageRow {
  vendor: string;
  operationId: string;
  status: string;
  inferred: boolean;
  exercised: number;
}

export interface ContractReport {
  targets: Record<string, string>;
  coverage: CoverageRow[];
  violations: Violation[];
  observations: (Observation & { vendor: string })[];
  inferredSeen: { vendor: string; operationId: string; status: string; count: number }[];
  skipped: { vendor: string; tier: string; reason: string }[];
  /** Answers a fault rule of the target produced: neither judged nor counted as exercised. */
  faulted: { vendor: string; operationId: string; method: string; status: number; faultId: string }[];
  totals: { exchanges: number; violations: number; faulted: number; documentedResponses: number; exercisedResponses: number };
}

/** Everything the kit writes to a file goes through this: secrets never reach a CI artifact. */
export function writeJsonFile(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(redact(value), null, 2));
}

export function writeSuiteReport(dir: string, report: SuiteReport): void {
  writeJsonFile(path.join(dir, `${report.vendor}.json`), report);
}

export function readSuiteReports(dir: string): SuiteReport[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as SuiteReport);
}

/** Every operation × every documented status, with how often the run saw it. */
export function buildReport(specs: Map<string, CompiledSpec>, suites: SuiteReport[]): ContractReport {
  const coverage: CoverageRow[] = [];
  const inferredSeen: ContractReport['inferredSeen'] = [];
  for (const suite of suites) {
    const spec = specs.get(suite.vendor);
    if (!spec) continue;
    for (const op of spec.operations) {
      for (const [status, r] of Object.entries(op.responses)) {
        const exercised = suite.exchanges.filter((e) => e.faultId === undefined && e.operationId === op.operationId && e.documentedStatus === status).length;
        coverage.push({ vendor: suite.vendor, operationId: op.operationId, status, inferred: r.inferred, exercised });
        if (r.inferred && exercised > 0) inferredSeen.push({ vendor: suite.vendor, operationId: op.operationId, status, count: exercised });
      }
    }
  }
  const violations = suites.flatMap((s) => s.exchanges.filter((e) => e.faultId === undefined).flatMap((e) => e.violations));
  const faulted = suites.flatMap((s) =>
    s.exchanges.flatMap((e) => (e.faultId === undefined ? [] : [{ vendor: s.vendor, operationId: e.operationId, method: e.method, status: e.status, faultId: e.faultId }])),
  );
  return {
    targets: Object.fromEntries(suites.map((s) => [s.vendor, s.target])),
    coverage,
    violations,
    observations: suites.flatMap((s) => s.observations.map((o) => ({ vendor: s.vendor, ...o }))),
    inferredSeen,
    skipped: suites.flatMap((s) => s.skipped.map((k) => ({ vendor: s.vendor, ...k }))),
    faulted,
    totals: {
      exchanges: suites.reduce((n, s) => n + s.exchanges.length, 0),
      violations: violations.length,
      faulted: faulted.length,
      documentedResponses: coverage.length,
      exercisedResponses: coverage.filter((c) => c.exercised > 0).length,
    },
  };
}

/** The report as text for the terminal, redacted like everything else the kit prints. */
export function formatReport(report: ContractReport): string {
  return redactText(reportLines(report).join('\n'));
}

function reportLines(report: ContractReport): string[] {
  const lines: string[] = ['', 'Contract coverage (operation × documented status):'];
  const width = Math.max(...report.coverage.map((c) => `${c.vendor} ${c.operationId}`.length), 20);
  for (const c of report.coverage) {
    lines.push(`  ${`${c.vendor} ${c.operationId}`.padEnd(width)}  ${c.status.padEnd(7)} ${c.exercised > 0 ? `exercised ×${c.exercised}` : 'not exercised'}${c.inferred ? '  (x-inferred)' : ''}`);
  }
  const t = report.totals;
  lines.push(`  ${t.exercisedResponses} of ${t.documentedResponses} documented responses exercised in ${t.exchanges} exchanges; ${t.violations} violation(s)${t.faulted ? `; ${t.faulted} answer(s) produced by faults, not judged` : ''}.`);
  if (report.inferredSeen.length) {
    lines.push('', 'Responses the spec marks x-inferred that the target did give:');
    for (const i of report.inferredSeen) lines.push(`  ${i.vendor} ${i.operationId} ${i.status} ×${i.count}`);
  }
  if (report.observations.length) {
    lines.push('', 'Observations:');
    for (const o of report.observations) lines.push(`  ${o.vendor}: ${o.label}: ${o.text}`);
  }
  if (report.skipped.length) {
    lines.push('', 'Skipped:');
    for (const s of report.skipped) lines.push(`  ${s.vendor} ${s.tier} tier: ${s.reason}`);
  }
  if (report.faulted.length) {
    lines.push('', 'Faulted (answers a fault rule produced; not judged against the spec):');
    for (const f of report.faulted) lines.push(`  ${f.vendor} ${f.operationId}: ${f.method} answered ${f.status} by fault ${f.faultId}`);
  }
  if (report.violations.length) {
    lines.push('', 'Violations:');
    for (const v of report.violations) lines.push(`  ${v.message}`);
  }
  return lines;
}
