import { writeStateFile } from './state-file';

/** How long changes are gathered before one write; with the write itself this stays well within 100 ms. */
export const COALESCE_MS = 25;

/**
 * Write-behind for the state file: every change marks the state dirty, and
 * one write follows shortly, however many changes came in between. A change
 * that arrives while a write is under way is written right after it.
 */
export class StateSaver {
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> | undefined;
  private dirty = false;
  private closed = false;
  /** The last write's error, reported once by `onError`. */
  private failed = false;

  constructor(
    private readonly file: string,
    private readonly serialize: () => string,
    private readonly onError: (err: Error) => void = () => {},
  ) {}

  markDirty(): void {
    this.dirty = true;
    if (this.timer || this.writing || this.closed) return;
    this.timer = setTimeout(() => void this.flush(), COALESCE_MS);
  }

  /** Writes now if anything changed; resolves when the file holds every change made before the call. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    while (this.writing) await this.writing;
    if (!this.dirty) return;
    this.dirty = false;
    this.writing = writeStateFile(this.file, this.serialize()).then(
      () => {
        this.failed = false;
      },
      (err: Error) => {
        // Keep the change pending, so the next change or the final flush tries again.
        this.dirty = true;
        if (!this.failed) this.onError(err);
        this.failed = true;
      },
    );
    await this.writing;
    this.writing = undefined;
    // Changes made during the write have waited long enough: write them now.
    if (this.dirty && !this.closed && !this.failed) void this.flush();
  }

  /** The last write, then no more. */
  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
  }
}
