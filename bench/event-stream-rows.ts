import http from 'node:http';
import { measurePaired, pairedMarkdown, type PairedEndpoint, type PairedRow, type RowTools } from './paired-rows';

export type EventStreamRow = PairedRow;

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
export async function measureEventStream(tools: RowTools, endpoints: readonly PairedEndpoint[]): Promise<EventStreamRow[]> {
  return measurePaired(tools, endpoints, { ports: [4603, 4604], attach: (base) => listen(`${base}/__admin/events`), label: 'with an event-stream client' });
}

export function eventStreamMarkdown(rows: readonly EventStreamRow[], mark: (ok: boolean) => string): string[] {
  return pairedMarkdown(rows, mark, {
    intro: 'Event stream: the same server with and without a client on `GET /__admin/events`, in turns; with one, every request is redacted and sent as a `request` event (target: at least half the throughput).',
    withColumn: 'with a client',
    target: 0.5,
  });
}
