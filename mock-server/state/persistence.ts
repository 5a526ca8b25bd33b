import fs from 'node:fs';
import path from 'node:path';
import type { CompiledSpec } from '../../contracts/core/compile';
import { StateConflict } from '../domain/user-store';
import type { StateChange } from '../http/change-notifier';
import type { TenantDirectory } from '../http/types';
import { readStateFile, removeStaleTemporaries, StateFileError, stateValidator, type StateFs } from './state-file';
import { lockStateFile } from './state-lock';
import { DEFAULT_WORLD_NAME, logFileOf, snapshotId } from './state-log';
import { StateSaver, type SaveFailure, type StateSource } from './state-saver';
import { documentText, restoreDocument, snapshotWorld } from './world-state';

/** The admin operation that replaces the whole state (`PUT /__admin/state`). */
const IMPORT_OPERATION = 'importState';

export interface StateFileOptions {
  file: string;
  /** Start from the fixtures and replace the file on purpose. */
  fresh?: boolean;
  /** The file-system calls to make; tests inject failures here. */
  fs?: StateFs;
  /** A save failed (disk full, folder not writable); reported once until a save succeeds again. */
  onError?: (err: Error) => void;
  /** A save succeeded after failures. */
  onRecover?: () => void;
}

export interface OpenStateFile {
  saver: StateSaver;
  /** A request changed a world, or (with no argument) tenants came or went. */
  changed(change?: StateChange): void;
  /** Folds the log into the file and lets the lock go; says why the last save failed, if it did. */
  close(): Promise<SaveFailure | undefined>;
}

/** The worlds of the app, as the saver serializes them: each on its own, so a save holds only those that changed. */
function stateSource(worlds: TenantDirectory): StateSource {
  return {
    world: (name) => {
      const runtime = name === DEFAULT_WORLD_NAME ? worlds.defaultRuntime : worlds.runtimes().find(([n]) => n === name)?.[1];
      return runtime && JSON.stringify(snapshotWorld(runtime, { epochs: 'keep' }));
    },
    tenants: () => worlds.runtimes().map(([name]) => name),
    document: (json) => documentText(worlds.defaultRuntime, json),
  };
}

/**
 * Takes the state file's lock, loads the file (and the change log beside it)
 * into the app's worlds, the default one and every tenant (or creates the file
 * from the fixtures they already hold), and returns the saver that keeps it
 * current. A file that cannot be used stops here with a StateFileError and is
 * not touched; a file another live process holds stops with a StateLockError.
 */
export async function openStateFile(worlds: TenantDirectory, specs: Map<string, CompiledSpec>, options: StateFileOptions): Promise<OpenStateFile> {
  const { file } = options;
  const dir = path.dirname(path.resolve(file));
  const created = !fs.existsSync(dir);
  fs.mkdirSync(dir, { recursive: true });
  let release: () => void;
  try {
    release = lockStateFile(file);
  } catch (err) {
    if (created) fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  try {
    const loaded = options.fresh ? undefined : readStateFile(file, stateValidator(specs));
    if (loaded) {
      try {
        // The same incarnations as before the restart: tokens issued then stay valid.
        restoreDocument(worlds.defaultRuntime, worlds, loaded.doc, { epochs: 'keep' });
      } catch (err) {
        if (err instanceof StateConflict) throw new StateFileError(file, `${err.message} (at ${err.pointer})`);
        throw err;
      }
    }
    removeStaleTemporaries(file);
    // A log with no line to fold in (one a compaction had just emptied, or one torn before its first line
    // was whole) adds nothing to the file; left there, no later save would remove it.
    if (loaded && loaded.logged === 0) fs.rmSync(logFileOf(file), { force: true });
    // A file loaded as it is stays as it is until a change; one with log lines to fold in is rewritten now.
    const unchanged = loaded && loaded.logged === 0 ? { id: snapshotId(loaded.text), bytes: loaded.text.length } : undefined;
    const saver = new StateSaver(file, stateSource(worlds), { fs: options.fs, onError: options.onError, onRecover: options.onRecover, loaded: unchanged });
    await saver.flush();
    if (saver.failure) {
      const { reason } = saver.failure;
      await saver.close();
      throw new Error(`Cannot save the state to ${file}: ${reason}`);
    }
    return {
      saver,
      changed: (change) => {
        if (!change) saver.markDirty();
        // An import through the default world replaces every tenant: the next save writes the whole file.
        else if (change.world === DEFAULT_WORLD_NAME && change.operationId === IMPORT_OPERATION) saver.markAllDirty();
        else saver.markDirty(change.world);
      },
      close: async () => {
        try {
          return await saver.close();
        } finally {
          release();
        }
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}
