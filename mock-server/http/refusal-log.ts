import type { Logger } from '../domain/logger';

/** Distinct origins and hosts remembered; past that, the memory starts afresh (a bound, not a leak). */
const REMEMBERED = 200;

/**
 * A browser shows a refused CORS request only as "Failed to fetch": the
 * mock's log is where the developer can learn why. Each refused origin or
 * host is logged once, as a warning naming the setting that allows it.
 */
export class RefusalLog {
  private readonly seen = new Set<string>();

  constructor(private readonly logger: Logger) {}

  refused(kind: 'origin' | 'host', value: string, why: string): void {
    const key = `${kind} ${value}`;
    if (this.seen.has(key)) return;
    if (this.seen.size >= REMEMBERED) this.seen.clear();
    this.seen.add(key);
    this.logger.warn(`Refused ${kind} ${value.slice(0, 200)}: ${why}`);
  }
}
