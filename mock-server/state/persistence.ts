import fs from 'node:fs';
import path from 'node:path';
import type { CompiledSpec } from '../../contracts/core';
import { StateConflict } from '../domain/user-store';
import type { TenantDirectory } from '../http/types';
import { readStateFile, removeStaleTemporaries, StateFileError, stateValidator } from './state-file';
import { StateSaver } from './state-saver';
import { restoreDocument, snapshotDocument } from './world-state';

export interface StateFileOptions {
  file: string;
  /** Start from the fixtures and replace the file on purpose. */
  fresh?: boolean;
  /** A write that failed (disk full, folder gone); reported once until a write succeeds again. */
  onError?: (err: Error) => void;
}

/**
 * Loads the state file into the app's worlds, the default one and every
 * tenant (or creates the file from the fixtures they already hold), and
 * returns the saver that keeps it current. A file that cannot be used stops
 * here with a StateFileError and is not touched.
 */
export async function openStateFile(worlds: TenantDirectory, specs: Map<string, CompiledSpec>, options: StateFileOptions): Promise<StateSaver> {
  const { file } = options;
  const doc = options.fresh ? undefined : readStateFile(file, stateValidator(specs));
  if (doc) {
    try {
      // The same incarnations as before the restart: tokens issued then stay valid.
      restoreDocument(worlds.defaultRuntime, worlds, doc, { epochs: 'keep' });
    } catch (err) {
      if (err instanceof StateConflict) throw new StateFileError(file, `${err.message} (at ${err.pointer})`);
      throw err;
    }
  }
  // Only after the file proved usable: a start that stops leaves the folder as it was.
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  removeStaleTemporaries(file);
  const saver = new StateSaver(file, () => `${JSON.stringify(snapshotDocument(worlds.defaultRuntime, worlds, { epochs: 'keep' }), null, 2)}\n`, options.onError);
  if (!doc) {
    saver.markDirty();
    await saver.flush();
  }
  return saver;
}
