import fs from 'node:fs';

/** Another live process keeps the same state file. */
export class StateLockError extends Error {
  constructor(file: string, pid: number, lock: string) {
    super(`The state file ${file} is in use by process ${pid} (lock ${lock}): stop that mock, or give this one another --state file`);
    this.name = 'StateLockError';
  }
}

export const lockFileOf = (file: string): string => `${file}.lock`;

/**
 * Takes `FILE.lock` (the pid, created exclusively) for as long as the mock
 * runs, so that two processes never overwrite each other's changes. A lock
 * whose process is gone (a `kill -9`, a crash) is taken over. Returns the
 * function that lets it go.
 */
export function lockStateFile(file: string): () => void {
  const lock = lockFileOf(file);
  for (let attempt = 0; ; attempt++) {
    try {
      fs.writeFileSync(lock, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
      return () => {
        // Only our own: a lock another process took over after ours was removed stays.
        if (readPid(lock) === process.pid) fs.rmSync(lock, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw err;
    }
    const holder = readPid(lock);
    if (holder !== undefined && isAlive(holder)) throw new StateLockError(file, holder, lock);
    // Stale (or torn by a crash between create and write): the next attempt takes it.
    fs.rmSync(lock, { force: true });
  }
}

function readPid(lock: string): number | undefined {
  try {
    const pid = Number.parseInt(fs.readFileSync(lock, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Signal 0 checks that a process exists; EPERM means it does, as another user's. */
export function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
