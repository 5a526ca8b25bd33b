import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunningMock } from '../../mock-server/server';

/**
 * A fresh folder for each test of the file (for state files), and the mocks a
 * test started, closed and the folder removed after each test.
 */
export function tempMocks(prefix: string): { readonly dir: string; keep(mock: RunningMock): RunningMock; forget(mock: RunningMock): void } {
  let dir = '';
  let running: RunningMock[] = [];
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  });
  afterEach(async () => {
    await Promise.all(running.map((m) => m.close()));
    running = [];
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return {
    get dir() {
      return dir;
    },
    keep(mock) {
      running.push(mock);
      return mock;
    },
    forget(mock) {
      running = running.filter((m) => m !== mock);
    },
  };
}
