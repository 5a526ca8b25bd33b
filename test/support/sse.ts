import http from 'node:http';

export interface SseEvent {
  event: string;
  data: unknown;
}

export interface SseClient {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** Everything received so far, as text. */
  text(): string;
  events(): SseEvent[];
  /** Resolves with the first event of that type (and matching `where`) received, now or later. */
  next(type: string, where?: (data: unknown) => boolean, ms?: number): Promise<SseEvent>;
  close(): void;
  /** Stops reading, as a stuck tab would; the server's writes pile up. */
  pause(): void;
  closed: Promise<void>;
}

/** Opens `GET url` and collects server-sent events; resolves once the status line is in. */
export function openSse(url: string): Promise<SseClient> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { Accept: 'text/event-stream' }, agent: false }, (res) => {
      let text = '';
      const waiters = new Set<() => void>();
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
        for (const w of [...waiters]) w();
      });
      const closed = new Promise<void>((done) => res.on('close', () => done()));
      const events = (): SseEvent[] =>
        text
          .split('\n\n')
          .filter((block) => block.includes('event: '))
          .map((block) => {
            const lines = block.split('\n');
            const event = lines.find((l) => l.startsWith('event: '))!.slice(7);
            const data = lines.find((l) => l.startsWith('data: '))?.slice(6);
            return { event, data: data === undefined ? undefined : JSON.parse(data) };
          });
      const next = (type: string, where: (data: unknown) => boolean = () => true, ms = 5000): Promise<SseEvent> =>
        new Promise((found, fail) => {
          const check = (): boolean => {
            const e = events().find((x) => x.event === type && where(x.data));
            if (!e) return false;
            waiters.delete(listener);
            clearTimeout(timer);
            found(e);
            return true;
          };
          const listener = (): void => void check();
          const timer = setTimeout(() => {
            waiters.delete(listener);
            fail(new Error(`No '${type}' event within ${ms} ms; received:\n${text}`));
          }, ms);
          waiters.add(listener);
          check();
        });
      resolve({ status: res.statusCode ?? 0, headers: res.headers, text: () => text, events, next, close: () => req.destroy(), pause: () => void res.pause(), closed });
    });
    req.on('error', reject);
  });
}

/** Polls a condition that becomes true asynchronously (a socket close reaching the server). */
export async function eventually(check: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Condition still false after ${ms} ms: ${check.toString()}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
