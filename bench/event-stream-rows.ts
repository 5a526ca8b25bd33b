import http from 'node:http';
import { waitUntilServing } from './processes';
import type { RowTools } from './state-file-rows';
import { median, round } from './stats';

export interface EventStreamRow {
  endpoint: string;
  withoutRps: number;
  withRps: number;
  ratio: number;
}

/** An event-stream client that reads and drops everything, as a browser tab would. */
function listen(url: string): Promise<() => void> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: false }, (res) => {
      res.on('data', () => undefined);
      resolve(() => req.destroy());
    });
    req.on('error', reject);
  });
}

/**
 * The cost of watching: the same endpoints on a server with a client on
 * `GET /__admin/events` and on one without, in turns (A B A B). With a client,
 * every request becomes a redacted journal entry sent as a `request` event;
 * without one, the journal keeps references and redacts only when read.
 */
export async function measureEventStream(tools: RowTools, endpoints: { title: string; path: string; headers: Record<string, string>; body: string }[]): Promise<EventStreamRow[]> {
  const plain = tools.startOurs(4603);
  const watched = tools.startOurs(4604);
  const rows: EventStreamRow[] = [];
  let stop: (() => void) | undefined;
  try {
    for (const port of [4603, 4604]) await waitUntilServing(() => fetch(`http://${tools.host}:${port}/__admin/users?vendor=akana`), process.hrtime.bigint());
    stop = await listen(`http://${tools.host}:4604/__admin/events`);
    for (const e of endpoints) {
      const url = (port: number): string => `http://${tools.host}:${port}/v1${e.path}`;
      for (const port of [4603, 4604]) await tools.loadRps(url(port), e.headers, e.body);
      const runs: { a: number; b: number }[] = [];
      for (let r = 0; r < tools.rounds; r++) runs.push({ a: await tools.loadRps(url(4603), e.headers, e.body), b: await tools.loadRps(url(4604), e.headers, e.body) });
      rows.push({ endpoint: e.title, withoutRps: round(median(runs.map((x) => x.a)), 0), withRps: round(median(runs.map((x) => x.b)), 0), ratio: round(median(runs.map((x) => x.b / x.a))) });
      const row = rows[rows.length - 1];
      console.log(`${e.title} with an event-stream client: ${row.withRps} req/s vs ${row.withoutRps} without (${row.ratio}×)`);
    }
  } finally {
    stop?.();
    await plain.stop();
    await watched.stop();
  }
  return rows;
}

export function eventStreamMarkdown(rows: readonly EventStreamRow[], mark: (ok: boolean) => string): string[] {
  const lines = ['', 'Event stream: the same server with and without a client on `GET /__admin/events`, in turns; with one, every request is redacted and sent as a `request` event (target: at least half the throughput).', ''];
  lines.push('| endpoint | without req/s | with a client req/s | ratio |', '|---|---|---|---|');
  for (const r of rows) lines.push(`| ${r.endpoint} | ${r.withoutRps} | ${r.withRps} | ${r.ratio}× ${mark(r.ratio >= 0.5)} |`);
  return lines;
}
