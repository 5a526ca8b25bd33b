import type { AdminApi } from './api.js';
import { readEvents, type EventHub } from './events.js';

export interface LiveState {
  /** The mock answers. */
  connected: boolean;
  /** The events stream is served (it is not on older versions: then only the connection is watched). */
  streaming: boolean;
}

const RETRY_MS = 1000;
const PROBE_MS = 2000;
const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });

/**
 * Keeps one events stream open for the chosen tenant, reconnecting after the
 * mock goes away. Views hear `reconnected` and reload what they show, since
 * events sent while the connection was down are lost.
 */
export class LiveConnection {
  private readonly abort = new AbortController();

  constructor(
    private readonly api: AdminApi,
    private readonly hub: EventHub,
    private readonly report: (state: Partial<LiveState>) => void,
    private readonly unauthorized: () => void,
  ) {}

  start(): void {
    void this.run();
  }

  stop(): void {
    this.abort.abort();
  }

  private async run(): Promise<void> {
    const { signal } = this.abort;
    let lost = false;
    const back = (): void => {
      this.report({ connected: true });
      if (lost) this.hub.emit({ type: 'reconnected' });
      lost = false;
    };
    while (!signal.aborted) {
      const end = await readEvents(this.api.url('/events'), this.api.headers(), signal, () => (this.report({ streaming: true }), back()), (event) => this.hub.emit(event));
      if (signal.aborted) return;
      if (end.kind === 'status' && end.status === 401) return this.unauthorized();
      if (end.kind === 'status' && end.status === 404) {
        this.report({ streaming: false });
        back();
        return this.probe(signal);
      }
      lost = true;
      this.report({ connected: false });
      await sleep(RETRY_MS, signal);
    }
  }

  /** Without a stream, a cheap call now and then tells whether the mock is still there. */
  private async probe(signal: AbortSignal): Promise<void> {
    let lost = false;
    while (!signal.aborted) {
      await sleep(PROBE_MS, signal);
      if (signal.aborted) return;
      const ok = await fetch(this.api.url('/clock'), { headers: this.api.headers(), signal, cache: 'no-store' }).then(
        (r) => r.status !== 0,
        () => false,
      );
      if (signal.aborted) return;
      this.report({ connected: ok });
      if (ok && lost) this.hub.emit({ type: 'reconnected' });
      lost = !ok;
    }
  }
}
