import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { waitUntilServing, type Proc } from './processes';
import { median, round } from './stats';

/** What the bench runner lends this row: its way to start our server and to load an endpoint. */
export interface RowTools {
  host: string;
  rounds: number;
  smoke: boolean;
  startOurs(port: number, extraArgs?: string[]): Proc;
  loadRps(url: string, headers: Record<string, string>, body: string): Promise<number>;
}

export interface StateFileRow {
  endpoint: string;
  withoutRps: number;
  withRps: number;
  ratio: number;
}

/**
 * The cost of `--state FILE`: the same endpoints on a server that keeps its
 * state in a file and on one that does not, in turns (A B A B). Every POST
 * marks the state dirty, so the write-behind runs throughout the load.
 */
export async function measureStateFile(tools: RowTools, endpoints: { title: string; path: string; headers: Record<string, string>; body: string }[]): Promise<StateFileRow[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authmock-bench-state-'));
  const plain = tools.startOurs(4601);
  const kept = tools.startOurs(4602, ['--state', path.join(dir, 'state.json')]);
  const rows: StateFileRow[] = [];
  try {
    for (const port of [4601, 4602]) await waitUntilServing(() => fetch(`http://${tools.host}:${port}/__admin/users?vendor=akana`), process.hrtime.bigint());
    for (const e of endpoints) {
      const url = (port: number): string => `http://${tools.host}:${port}/v1${e.path}`;
      for (const port of [4601, 4602]) await tools.loadRps(url(port), e.headers, e.body);
      const runs: { a: number; b: number }[] = [];
      for (let r = 0; r < tools.rounds; r++) runs.push({ a: await tools.loadRps(url(4601), e.headers, e.body), b: await tools.loadRps(url(4602), e.headers, e.body) });
      rows.push({ endpoint: e.title, withoutRps: round(median(runs.map((x) => x.a)), 0), withRps: round(median(runs.map((x) => x.b)), 0), ratio: round(median(runs.map((x) => x.b / x.a))) });
      const row = rows[rows.length - 1];
      console.log(`${e.title} with --state: ${row.withRps} req/s vs ${row.withoutRps} without (${row.ratio}×)`);
    }
  } finally {
    await plain.stop();
    await kept.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

export function stateFileMarkdown(rows: readonly StateFileRow[], mark: (ok: boolean) => string): string[] {
  const lines = ['', 'State file: the same server with and without `--state FILE`, in turns; every request marks the state for the write-behind.', ''];
  lines.push('| endpoint | without req/s | with --state req/s | ratio |', '|---|---|---|---|');
  for (const r of rows) lines.push(`| ${r.endpoint} | ${r.withoutRps} | ${r.withRps} | ${r.ratio}× ${mark(r.ratio >= 0.9)} |`);
  return lines;
}
