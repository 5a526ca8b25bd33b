import { waitUntilServing, type Proc } from './processes';
import { median, round } from './stats';

/** What the bench runner lends a row: its way to start our server and to load an endpoint. */
export interface RowTools {
  host: string;
  rounds: number;
  smoke: boolean;
  startOurs(port: number, extraArgs?: string[]): Proc;
  loadRps(url: string, headers: Record<string, string>, body: string): Promise<number>;
}

export interface PairedEndpoint {
  title: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** One endpoint on a plain server (A) and on one with a feature at work (B). */
export interface PairedRow {
  endpoint: string;
  withoutRps: number;
  withRps: number;
  ratio: number;
}

export interface Pairing {
  /** Ports of the plain server and of the one with the feature. */
  ports: [number, number];
  /** Extra arguments for the server with the feature. */
  args?: string[];
  /** Puts the feature to work once the server with it listens (e.g. a stream client); returns how to stop it. */
  attach?(base: string): Promise<() => void>;
  /** What a line of the log says, e.g. `with --state`. */
  label: string;
}

/**
 * The cost of a feature: the same endpoints on two servers, one with the
 * feature at work, in turns (A B A B), so that machine noise cancels out of
 * the per-round ratios.
 */
export async function measurePaired(tools: RowTools, endpoints: readonly PairedEndpoint[], pairing: Pairing): Promise<PairedRow[]> {
  const [a, b] = pairing.ports;
  const plain = tools.startOurs(a);
  const featured = tools.startOurs(b, pairing.args);
  const rows: PairedRow[] = [];
  let detach: (() => void) | undefined;
  try {
    for (const port of pairing.ports) await waitUntilServing(() => fetch(`http://${tools.host}:${port}/__admin/users?vendor=akana`), process.hrtime.bigint());
    detach = await pairing.attach?.(`http://${tools.host}:${b}`);
    for (const e of endpoints) {
      const url = (port: number): string => `http://${tools.host}:${port}/v1${e.path}`;
      for (const port of pairing.ports) await tools.loadRps(url(port), e.headers, e.body);
      const runs: { a: number; b: number }[] = [];
      for (let r = 0; r < tools.rounds; r++) runs.push({ a: await tools.loadRps(url(a), e.headers, e.body), b: await tools.loadRps(url(b), e.headers, e.body) });
      const row = { endpoint: e.title, withoutRps: round(median(runs.map((x) => x.a)), 0), withRps: round(median(runs.map((x) => x.b)), 0), ratio: round(median(runs.map((x) => x.b / x.a))) };
      rows.push(row);
      console.log(`${e.title} ${pairing.label}: ${row.withRps} req/s vs ${row.withoutRps} without (${row.ratio}×)`);
    }
  } finally {
    detach?.();
    await plain.stop();
    await featured.stop();
  }
  return rows;
}

/** The markdown table of paired rows, each ratio marked against its target. */
export function pairedMarkdown(rows: readonly PairedRow[], mark: (ok: boolean) => string, text: { intro: string; withColumn: string; target: number }): string[] {
  const lines = ['', text.intro, ''];
  lines.push(`| endpoint | without req/s | ${text.withColumn} req/s | ratio |`, '|---|---|---|---|');
  for (const r of rows) lines.push(`| ${r.endpoint} | ${r.withoutRps} | ${r.withRps} | ${r.ratio}× ${mark(r.ratio >= text.target)} |`);
  return lines;
}
