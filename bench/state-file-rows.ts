import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { measurePaired, pairedMarkdown, type PairedEndpoint, type PairedRow, type RowTools } from './paired-rows';

export type { RowTools } from './paired-rows';
export type StateFileRow = PairedRow;

/**
 * The cost of `--state FILE`: the same endpoints on a server that keeps its
 * state in a file and on one that does not. Every POST marks the state dirty,
 * so the write-behind runs throughout the load.
 */
export async function measureStateFile(tools: RowTools, endpoints: readonly PairedEndpoint[]): Promise<StateFileRow[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authmock-bench-state-'));
  try {
    return await measurePaired(tools, endpoints, { ports: [4601, 4602], args: ['--state', path.join(dir, 'state.json')], label: 'with --state' });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function stateFileMarkdown(rows: readonly StateFileRow[], mark: (ok: boolean) => string): string[] {
  return pairedMarkdown(rows, mark, { intro: 'State file: the same server with and without `--state FILE`, in turns; every request marks the state for the write-behind.', withColumn: 'with --state', target: 0.9 });
}
