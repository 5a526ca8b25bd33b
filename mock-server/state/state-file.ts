import fs from 'node:fs';
import path from 'node:path';
import type { ValidateFunction } from 'ajv';
import { toFieldErrors } from '../../contracts/core/ajv';
import { type CompiledSpec } from '../../contracts/core/compile';
import type { StateFs } from './state-fs';
import { isAlive } from './state-lock';
import { applyLog, logFileOf, snapshotId } from './state-log';
import type { StateDocument } from './world-state';

/** A state file that cannot be used; the file is left as it was. */
export class StateFileError extends Error {
  constructor(file: string, problem: string) {
    super(`The state file ${file} cannot be used: ${problem}. It was left as it is: fix it, or start with --fresh-state to replace it with the fixtures.`);
    this.name = 'StateFileError';
  }
}

/** The admin API's own check of a state document (`PUT /__admin/state`), so the file and the API agree. */
export function stateValidator(specs: Map<string, CompiledSpec>): ValidateFunction {
  const validate = specs.get('admin')?.byOperationId.get('importState')?.bodyValidators.get('application/json');
  if (!validate) throw new Error('specs/admin.openapi.yaml has no importState operation with a JSON body');
  return validate;
}

/** The document in `file` with the change log beside it applied (see state-log.ts), or undefined when there is no such file. */
export function readStateFile(file: string, validate: ValidateFunction): { doc: StateDocument; text: string; logged: number } | undefined {
  const text = readText(file);
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new StateFileError(file, `it is not JSON (${(err as Error).message})`);
  }
  const log = readText(logFileOf(file));
  // Checked as a whole after the log: a line holds whole worlds, so the document is checked as the API would check it.
  const logged = log === undefined || !isObject(value) ? 0 : applyLog(value, snapshotId(text), log);
  if (!validate(value)) {
    const first = toFieldErrors(validate.errors)[0];
    throw new StateFileError(file, first ? `${first.message} (at ${first.pointer || '/'})` : 'it is not a state document');
  }
  return { doc: value as StateDocument, text, logged };
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new StateFileError(file, (err as Error).message);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Temporary files left by a writer that was killed mid-write; they never hold the only copy. */
export function removeStaleTemporaries(file: string): void {
  const dir = path.dirname(path.resolve(file));
  const prefix = `.${path.basename(file)}.`;
  for (const name of fs.readdirSync(dir)) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    // `.state.json.123.tmp`, `.state.json.123-c.tmp` (a compaction), `.state.json.log.123.tmp` (no pid: ours, as the lock says).
    const pid = Number.parseInt(name.slice(prefix.length, -'.tmp'.length), 10);
    // Another mock that shares the file may be writing its own right now.
    if (pid !== process.pid && isAlive(pid)) continue;
    fs.rmSync(path.join(dir, name), { force: true });
  }
}

export type { StateFs } from './state-fs';

/** A file the mock creates holds password hashes: only its owner reads it. */
export const STATE_FILE_MODE = 0o600;

/** The permission bits of `file`, or 600 when it does not exist yet: a save keeps what its owner chose. */
export async function modeOf(file: string, fsys: StateFs): Promise<number> {
  try {
    return (await fsys.stat(file)).mode & 0o777;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return STATE_FILE_MODE;
    throw err;
  }
}

/**
 * Writes the whole document or nothing: a temporary file in the same folder,
 * flushed to disk, then renamed over the old one. A crash at any moment leaves
 * either the previous file or the new one, never a torn mix. The folder is
 * created again if it was removed; a write that fails removes its temporary
 * file; the file keeps its permission bits (600 when new).
 */
export async function writeStateFile(file: string, text: string, fsys: StateFs = fs.promises): Promise<void> {
  await commitStateFile(await prepareStateFile(file, text, fsys), file, fsys);
}

/** The first half of `writeStateFile`: the complete text in a synced temporary file, whose name it returns. `tag` keeps two writers' temporaries apart. */
export async function prepareStateFile(file: string, text: string, fsys: StateFs = fs.promises, tag = ''): Promise<string> {
  const dir = path.dirname(path.resolve(file));
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}${tag}.tmp`);
  await fsys.mkdir(dir, { recursive: true });
  const mode = await modeOf(file, fsys);
  try {
    const handle = await fsys.open(tmp, 'w', mode);
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    // open's mode passes through the umask; the owner's choice does not.
    await fsys.chmod(tmp, mode);
  } catch (err) {
    await discard(tmp, fsys);
    throw err;
  }
  return tmp;
}

/** The second half: the temporary file renamed over `file`, durably; on failure it is removed. */
export async function commitStateFile(tmp: string, file: string, fsys: StateFs = fs.promises): Promise<void> {
  try {
    await fsys.rename(tmp, file);
  } catch (err) {
    await discard(tmp, fsys);
    throw err;
  }
  await syncFolder(path.dirname(path.resolve(file)), fsys);
}

/** Removes a temporary file that will not be renamed; never throws (its own failure is not the one to report). */
export const discard = (tmp: string, fsys: StateFs): Promise<void> => fsys.rm(tmp, { force: true }).catch(() => undefined);

/** A rename is durable once its folder is synced; not every system allows it. */
export async function syncFolder(dir: string, fsys: StateFs = fs.promises): Promise<void> {
  try {
    const d = await fsys.open(dir, 'r');
    await d.sync().finally(() => d.close());
  } catch {
    /* a folder that cannot be synced still has the complete file */
  }
}
