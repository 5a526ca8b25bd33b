import fs from 'node:fs';
import path from 'node:path';
import type { ValidateFunction } from 'ajv';
import { toFieldErrors, type CompiledSpec } from '../../contracts/core';
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

/** The document in `file`, or undefined when there is no such file. */
export function readStateFile(file: string, validate: ValidateFunction): StateDocument | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new StateFileError(file, (err as Error).message);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new StateFileError(file, `it is not JSON (${(err as Error).message})`);
  }
  if (!validate(value)) {
    const first = toFieldErrors(validate.errors)[0];
    throw new StateFileError(file, first ? `${first.message} (at ${first.pointer || '/'})` : 'it is not a state document');
  }
  return value as StateDocument;
}

/** Temporary files left by a writer that was killed mid-write; they never hold the only copy. */
export function removeStaleTemporaries(file: string): void {
  const dir = path.dirname(path.resolve(file));
  const prefix = `.${path.basename(file)}.`;
  for (const name of fs.readdirSync(dir)) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const pid = Number(name.slice(prefix.length, -'.tmp'.length));
    // Another mock that shares the file may be writing its own right now.
    if (pid !== process.pid && isAlive(pid)) continue;
    fs.rmSync(path.join(dir, name), { force: true });
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Writes the whole document or nothing: a temporary file in the same folder,
 * flushed to disk, then renamed over the old one. A crash at any moment leaves
 * either the previous file or the new one, never a torn mix.
 */
export async function writeStateFile(file: string, text: string): Promise<void> {
  const dir = path.dirname(path.resolve(file));
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.tmp`);
  const handle = await fs.promises.open(tmp, 'w');
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.promises.rename(tmp, file);
  // The rename itself is durable once the folder is synced; not every system allows it.
  try {
    const d = await fs.promises.open(dir, 'r');
    await d.sync().finally(() => d.close());
  } catch {
    /* a folder that cannot be synced still has the complete file */
  }
}
