import type { NextFunction, Request, Response } from 'express';
import { RingBuffer } from '../domain/ring-buffer';
import type { Clock } from '../domain/clock';

export interface JournalEntry {
  id: number;
  at: number;
  method: string;
  path: string;
  status: number;
  operationId?: string;
  vendor?: string;
  durationMs: number;
  /** The fault rule (or `prefer`) that shaped the answer. */
  faultId?: string;
  /** Why the mock wrote this entry itself, not for a request (a tenant dropped past maxTenants). */
  note?: string;
}

/** The most recent requests, for the admin API; bounded, so memory stays flat under load. */
export class Journal {
  private readonly entries: RingBuffer<JournalEntry>;
  private nextId = 1;

  constructor(capacity: number, private readonly clock: Clock) {
    this.entries = new RingBuffer(capacity);
  }

  /** Journals the request when its response is finished. */
  middleware() {
    return (req: Request, res: Response, next: NextFunction): void => {
      this.track(req, res);
      next();
    };
  }

  track(req: Request, res: Response): void {
    const started = performance.now();
    const at = this.clock.now();
    res.on('finish', () => {
      const op = res.locals.operation as { operationId: string; spec: string } | undefined;
      this.entries.push({
        id: this.nextId++,
        at,
        method: req.method,
        path: req.path,
        status: res.statusCode,
        operationId: op?.operationId,
        vendor: op?.spec,
        durationMs: Math.round((performance.now() - started) * 1000) / 1000,
        faultId: res.locals.faultId as string | undefined,
      });
    });
  }

  /** An entry the mock writes itself, such as a tenant dropped past maxTenants. */
  note(entry: { method: string; path: string; status: number; note: string }): void {
    this.entries.push({ id: this.nextId++, at: this.clock.now(), durationMs: 0, ...entry });
  }

  list(limit: number): JournalEntry[] {
    return this.entries.newestFirst(limit);
  }

  clear(): void {
    this.entries.clear();
  }
}
