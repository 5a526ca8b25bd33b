import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { StateFs } from './state-fs';

/**
 * The change log beside the state file (`FILE.log`): one JSON line per save,
 * holding the whole state of each world that changed since the save before
 * (and the tenant names, when tenants came or went). A save appends one line
 * and syncs it, so its cost follows the worlds that changed, not the whole
 * state; compaction folds the log back into the file.
 *
 *   {"b":["<snapshot id>", …],"w":{"default":{…},"worker-1":{…}},"t":["worker-1"]}
 *
 * `b` names the snapshots (by `snapshotId` of their exact text) a line applies
 * to: a line written while a compaction is under way names the old file and
 * the new one, so whichever of the two a crash leaves, the line still counts,
 * and a line the file already holds is never applied over it. A line that is
 * not JSON (a write cut by a crash or a full disk) is skipped; after a failed
 * append the next save rewrites the whole file, so no later line depends on it.
 */
export interface LogLine {
  b: string[];
  w: Record<string, unknown>;
  t?: string[];
}

export const DEFAULT_WORLD_NAME = 'default';

export const logFileOf = (file: string): string => `${file}.log`;

/** Identifies a state file's exact text; lines of the log name the files they apply to. */
export function snapshotId(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/** One line, built from worlds already serialized (the saver keeps each world's JSON). */
export function logLine(bases: readonly string[], worlds: readonly [string, string][], tenants: readonly string[] | undefined): string {
  const w = worlds.map(([name, json]) => `${JSON.stringify(name)}:${json}`).join(',');
  return `{"b":${JSON.stringify(bases)},"w":{${w}}${tenants ? `,"t":${JSON.stringify(tenants)}` : ''}}\n`;
}

/** Applies the lines of `log` that name the snapshot `id` to `doc` (parsed, not yet checked); returns how many applied. */
export function applyLog(doc: Record<string, unknown>, id: string, log: string): number {
  let applied = 0;
  for (const text of log.split('\n')) {
    if (!text) continue;
    let line: LogLine;
    try {
      line = JSON.parse(text) as LogLine;
    } catch {
      continue;
    }
    if (!Array.isArray(line.b) || !line.b.includes(id) || typeof line.w !== 'object' || line.w === null) continue;
    const tenants = { ...(doc.tenants as Record<string, unknown> | undefined) };
    for (const [name, world] of Object.entries(line.w)) {
      if (name === DEFAULT_WORLD_NAME) doc.world = world;
      else tenants[name] = world;
    }
    if (Array.isArray(line.t)) {
      const keep = new Set(line.t);
      for (const name of Object.keys(tenants)) if (!keep.has(name)) delete tenants[name];
    }
    doc.tenants = tenants;
    applied++;
  }
  return applied;
}

/** Appends `text` and syncs it; the log is opened each time, so a removed folder shows as an error, not as writes to a deleted file. */
export async function appendLog(file: string, text: string, fsys: StateFs = fs.promises): Promise<void> {
  const handle = await fsys.open(logFileOf(file), 'a', 0o600);
  try {
    await handle.appendFile(text);
    await handle.datasync();
  } finally {
    await handle.close();
  }
}
