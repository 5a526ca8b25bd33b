const MB = 1024 * 1024;

/**
 * Heap and RSS of this process while the fuzz runs. The heap is measured
 * after a full collection when node runs with --expose-gc (the npm script
 * passes it), so that growth means memory the mock keeps, not garbage.
 */
export class MemoryWatch {
  private readonly baselineHeap: number;
  private maxHeap = 0;
  private peakRss = 0;
  private ticks = 0;
  private readonly collected: boolean;

  constructor() {
    this.collected = typeof global.gc === 'function';
    this.baselineHeap = this.afterCollection();
    this.maxHeap = this.baselineHeap;
  }

  /** Call once per request: RSS is sampled every 100. */
  tick(): void {
    if (++this.ticks % 100 === 0) this.peakRss = Math.max(this.peakRss, process.memoryUsage.rss() / MB);
  }

  /** Heap in MB after a full collection (or as it is, without --expose-gc). */
  afterCollection(): number {
    global.gc?.();
    const heap = process.memoryUsage().heapUsed / MB;
    this.maxHeap = Math.max(this.maxHeap, heap);
    this.peakRss = Math.max(this.peakRss, process.memoryUsage.rss() / MB);
    return heap;
  }

  report(maxGrowthMb: number): { ok: boolean; summary: string } {
    const growth = this.maxHeap - this.baselineHeap;
    const ok = growth <= maxGrowthMb;
    const how = this.collected ? 'after garbage collection' : 'without --expose-gc, so garbage included';
    return {
      ok,
      summary: `heap ${this.baselineHeap.toFixed(1)} MB at start, at most ${this.maxHeap.toFixed(1)} MB between operations (${how}): grew ${growth.toFixed(1)} MB, limit ${maxGrowthMb} MB ${ok ? '✓' : '✗ exceeded'}; peak RSS ${this.peakRss.toFixed(1)} MB`,
    };
  }
}
