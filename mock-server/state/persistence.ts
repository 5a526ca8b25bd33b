import fs from 'node:fs';
import path from 'node:path';
import type { CompiledSpec } from '../../contracts/core';
import { StateConflict } from '../domain/user-store';
import type { Runtime } from '../runtime';
import { readStateFile, removeStaleTemporaries, StateFileError, stateValidator } from './state-file';
import { StateSaver } from './state-saver';
import { restoreWorld, snapshotWorld, stateDocument } from './world-state';

export interface StateFileOptions {
  file: string;
  /** Start from the fixtures and replace the file on purpose. */
  fresh?: boolean;
  /** A write that failed (disk full, folder gone); reported once until a write succeeds again. */
  onError?: (err: Error) => void;
}

/**
 * Loads the state file into the runtime (or creates it from the fixtures the
 * runtime already holds) and returns the saver that keeps it current. A file
 * that cannot be used stops here with a StateFileError and is not touched.
 */
export async function openStateFile(runtime: Runtime, specs: Map<string, CompiledSpec>, options: StateFileOptions): Promise<StateSaver> {
  const { file } = options;
  const doc = options.fresh ? undefined : readStateFile(file, stateValidator(specs));
  // Only after the file proved usable: a start that stops leaves the folder as it was.
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  removeStaleTemporaries(file);
  if (doc) {
    try {
      restoreWorld(runtime, doc.world);
    } catch (err) {
      if (err instanceof StateConflict) throw new StateFileError(file, `${err.message} (at /world${err.pointer})`);
      throw err;
    }
  }
  const saver = new StateSaver(file, () => `${JSON.stringify(stateDocument(snapshotWorld(runtime), runtime.clock.now()), null, 2)}\n`, options.onError);
  if (!doc) {
    saver.markDirty();
    await saver.flush();
  }
  return saver;
}
