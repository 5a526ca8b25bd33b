import fs from 'node:fs';
import { appendLog, DEFAULT_WORLD_NAME, logFileOf, logLine, snapshotId } from './state-log';
import { commitStateFile, discard, prepareStateFile, writeStateFile, type StateFs } from './state-file';

/** How long changes are gathered before one append; with the append and its sync this stays well within 100 ms. */
export const COALESCE_MS = 25;
/** Retries of a failed save wait 100 ms, doubling up to this. */
export const MAX_RETRY_MS = 5000;
/** The log is folded into the file once it outgrows the file, or this, whichever is larger. */
export const MIN_COMPACT_BYTES = 1 << 20;

export interface StateSource {
  /** One world ('default' or a tenant's name) as compact JSON; undefined when it no longer exists. */
  world(name: string): string | undefined;
  /** The tenants' names, as the document lists them. */
  tenants(): string[];
  /** The document around the worlds, given each world's JSON. */
  document(worlds: ReadonlyMap<string, string>): string;
}

export interface SaveFailure {
  reason: string;
  since: number;
  /** When the next attempt runs. */
  retryAt: number;
}

export interface SaverOptions {
  fs?: StateFs;
  /** The first failure after a success; the saver keeps retrying. */
  onError?: (err: Error) => void;
  /** A save succeeded after failures. */
  onRecover?: () => void;
  /** The text and id of the file as it was loaded, when the loaded state needs no rewrite. */
  loaded?: { id: string; bytes: number };
}

/**
 * Write-behind for the state file: a change marks its world dirty and one
 * append to the log follows shortly, however many changes came in between,
 * holding only the worlds that changed. When the log outgrows the file, a
 * compaction writes the whole file beside the running appends (see
 * state-log.ts for why a crash at any moment loses nothing). A failed write
 * is retried with a growing pause, as a full rewrite, until one succeeds.
 */
export class StateSaver {
  private readonly fs: StateFs;
  private readonly dirty = new Set<string>();
  private tenantsChanged = false;
  /** Every world must be serialized again and the whole file written: at start, after a failure, after an import. */
  private full = true;
  private readonly cache = new Map<string, string>();
  private base = '';
  /** The id of the file a compaction is writing, and the lines appended since it captured the state. */
  private next: { id: string; lines: string[] } | undefined;
  private generation = 0;
  private logBytes = 0;
  private fileBytes = 0;
  private timer: NodeJS.Timeout | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private attempts = 0;
  private chain: Promise<void> = Promise.resolve();
  private compacting: Promise<void> | undefined;
  private closed = false;
  failure: SaveFailure | undefined;
  lastSavedAt: number | undefined;

  constructor(
    private readonly file: string,
    private readonly source: StateSource,
    private readonly options: SaverOptions = {},
  ) {
    this.fs = options.fs ?? fs.promises;
    if (options.loaded) {
      this.full = false;
      this.base = options.loaded.id;
      this.fileBytes = options.loaded.bytes;
    }
  }

  /** A world changed (by name), or, with no name, the set of tenants did. */
  markDirty(world?: string): void {
    if (world === undefined) this.tenantsChanged = true;
    else this.dirty.add(world);
    this.schedule();
  }

  /** Every world may have changed (an import through the default world). */
  markAllDirty(): void {
    this.full = true;
    this.schedule();
  }

  private schedule(): void {
    if (this.timer || this.retryTimer || this.closed) return;
    this.timer = setTimeout(() => void this.flush(), COALESCE_MS);
  }

  /** Saves now if anything changed; resolves when the file and its log hold every change made before the call. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    return this.exclusive(() => (this.full ? this.saveWhole() : this.append()));
  }

  /** Folds the log into the file, stops, and says why the last save failed, if it did. */
  async close(): Promise<SaveFailure | undefined> {
    this.closed = true;
    clearTimeout(this.timer);
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    await this.compacting;
    // A response's 'close' (which marks its change) may come a turn after its connection ended.
    await new Promise((r) => setImmediate(r));
    // Decided in turn, after any append under way has counted its line.
    const fold = (): Promise<void> => {
      this.full ||= this.logBytes > 0 || this.dirty.size > 0 || this.tenantsChanged;
      return this.saveWhole();
    };
    await this.exclusive(fold);
    // Marked during that write: once more, unless the disk is failing anyway.
    if (!this.failure) await this.exclusive(fold);
    return this.failure;
  }

  /** Writes run one at a time, in the order asked. */
  private exclusive(step: () => Promise<void>): Promise<void> {
    const run = this.chain.then(step);
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async append(): Promise<void> {
    if (this.dirty.size === 0 && !this.tenantsChanged) return;
    // The file (or its folder) was removed: lines would apply to nothing.
    if (!(await this.exists())) {
      this.full = true;
      return this.saveWhole();
    }
    const tenants = this.tenantsChanged ? this.source.tenants() : undefined;
    const names = new Set(this.dirty);
    if (tenants) {
      for (const name of this.cache.keys()) if (name !== DEFAULT_WORLD_NAME && !tenants.includes(name)) this.cache.delete(name);
      // A tenant opened by a read is in no line yet.
      for (const name of tenants) if (!this.cache.has(name)) names.add(name);
    }
    this.dirty.clear();
    this.tenantsChanged = false;
    const worlds: [string, string][] = [];
    for (const name of names) {
      const json = this.source.world(name);
      if (json === undefined) continue;
      this.cache.set(name, json);
      worlds.push([name, json]);
    }
    const line = logLine(this.next ? [this.base, this.next.id] : [this.base], worlds, tenants);
    this.next?.lines.push(logLine([this.next.id], worlds, tenants));
    try {
      await appendLog(this.file, line, this.fs);
    } catch (err) {
      return this.fail(err as Error);
    }
    this.logBytes += line.length;
    this.succeeded();
    if (!this.compacting && this.logBytes > Math.max(MIN_COMPACT_BYTES, this.fileBytes)) {
      this.compacting = this.compact().finally(() => (this.compacting = undefined));
    }
  }

  /** The whole file from every world, and an empty log: at start, after a failure, at close. */
  private async saveWhole(): Promise<void> {
    if (!this.full) return;
    this.generation++;
    this.next = undefined;
    const names = [DEFAULT_WORLD_NAME, ...this.source.tenants()];
    this.cache.clear();
    for (const name of names) this.cache.set(name, this.source.world(name)!);
    this.dirty.clear();
    this.tenantsChanged = false;
    this.full = false;
    const text = this.source.document(this.cache);
    try {
      await writeStateFile(this.file, text, this.fs);
      await this.fs.rm(logFileOf(this.file), { force: true });
    } catch (err) {
      return this.fail(err as Error);
    }
    this.base = snapshotId(text);
    this.logBytes = 0;
    this.fileBytes = text.length;
    this.succeeded();
  }

  /** Writes the whole file while appends go on; they name both files until the new one is in place. */
  private async compact(): Promise<void> {
    const generation = this.generation;
    for (const name of [DEFAULT_WORLD_NAME, ...this.source.tenants()]) if (!this.cache.has(name)) this.cache.set(name, this.source.world(name)!);
    const text = this.source.document(this.cache);
    const next = { id: snapshotId(text), lines: [] as string[] };
    this.next = next;
    let tmp: string;
    try {
      tmp = await prepareStateFile(this.file, text, this.fs, '-c');
    } catch (err) {
      return this.exclusive(async () => {
        if (this.next === next) this.next = undefined;
        if (generation === this.generation) this.fail(err as Error);
      });
    }
    await this.exclusive(async () => {
      // A whole save since (after a failure) wrote a newer file: this one is stale.
      if (generation !== this.generation) return discard(tmp, this.fs);
      this.next = undefined;
      try {
        await commitStateFile(tmp, this.file, this.fs);
        this.base = next.id;
        this.fileBytes = text.length;
        const log = next.lines.join('');
        await writeStateFile(logFileOf(this.file), log, this.fs);
        this.logBytes = log.length;
      } catch (err) {
        this.fail(err as Error);
      }
    });
  }

  private async exists(): Promise<boolean> {
    try {
      await this.fs.stat(this.file);
      return true;
    } catch {
      return false;
    }
  }

  private fail(err: Error): void {
    this.full = true;
    this.attempts++;
    const wait = Math.min(100 * 2 ** (this.attempts - 1), MAX_RETRY_MS);
    const first = !this.failure;
    this.failure = { reason: err.message, since: this.failure?.since ?? Date.now(), retryAt: Date.now() + wait };
    if (first) this.options.onError?.(err);
    if (this.closed) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.flush();
    }, wait);
    this.retryTimer.unref();
  }

  private succeeded(): void {
    this.lastSavedAt = Date.now();
    if (!this.failure) return;
    this.failure = undefined;
    this.attempts = 0;
    this.options.onRecover?.();
  }
}
