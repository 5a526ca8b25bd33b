import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StateSaver, type StateSource } from '../mock-server/state/state-saver';
import { median } from './stats';

export interface SaveLatencyRow {
  stateMb: number;
  /** One world changed: the append of that world to the log, synced (ms, median). */
  changeMs: number;
  /** The whole file written and synced, as every save did before the log (ms, median). */
  wholeMs: number;
}

/** Worlds of about 256 KB each (users as the state file holds them) making up `mb`, and a small default world that changes. */
function source(mb: number): { source: StateSource; change(): void } {
  const user = (i: number) => ({ id: i, vendor: 'edge-impulse', email: `bulk-${i}@bulk.example`, username: `bulk-${i}`, name: '', status: 'active', createdAt: 1796300859161, passwordHash: `scrypt$16$1$1$${'x'.repeat(24)}==$${'y'.repeat(44)}=`, mfaSecret: null });
  const tenant = Array.from({ length: 800 }, (_, i) => user(i));
  const tenantJson = JSON.stringify({ users: { nextId: 801, items: tenant } });
  const names = Array.from({ length: Math.max(1, Math.round((mb * 2 ** 20) / tenantJson.length)) }, (_, i) => `bulk-${i}`);
  let n = 0;
  return {
    source: {
      world: (name) => (name === 'default' ? JSON.stringify({ users: { nextId: n + 1, items: [user(n)] } }) : tenantJson),
      tenants: () => names,
      document: (json) => `{"world":${json.get('default')},"tenants":{${[...json].filter(([k]) => k !== 'default').map(([k, v]) => `"${k}":${v}`).join(',')}}}\n`,
    },
    change: () => void n++,
  };
}

/** Save latency in process, on the real disk: a one-world change against the whole file, at 1 MB and 10 MB of state. */
export async function measureSaveLatency(smoke: boolean): Promise<SaveLatencyRow[]> {
  const rows: SaveLatencyRow[] = [];
  const samples = smoke ? 3 : 25;
  for (const stateMb of [1, 10]) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authmock-bench-save-'));
    try {
      const { source: s, change } = source(stateMb);
      const saver = new StateSaver(path.join(dir, 'state.json'), s);
      await saver.flush();
      const changeMs: number[] = [];
      const wholeMs: number[] = [];
      // Apart, so that the whole files' writes still draining to the disk do not slow the appends.
      for (let i = 0; i < samples; i++) {
        change();
        saver.markDirty('default');
        const t = performance.now();
        await saver.flush();
        changeMs.push(performance.now() - t);
      }
      for (let i = 0; i < samples; i++) {
        saver.markAllDirty();
        const t = performance.now();
        await saver.flush();
        wholeMs.push(performance.now() - t);
      }
      await saver.close();
      rows.push({ stateMb, changeMs: Math.round(median(changeMs) * 10) / 10, wholeMs: Math.round(median(wholeMs) * 10) / 10 });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  return rows;
}

export function saveLatencyMarkdown(rows: readonly SaveLatencyRow[] | undefined, mark: (ok: boolean) => string): string[] {
  if (!rows?.length) return [];
  const base = rows[0].changeMs;
  return [
    '',
    'Save latency: a change to one world appended to the state file\'s log and synced, against the whole file written and synced (what every save did before the log), in process on the same disk; medians. Target: a change at 10 MB costs at most 1.5× one at 1 MB.',
    '',
    '| state | one change saved ms | ratio to 1 MB | whole file written ms |',
    '|---|---|---|---|',
    ...rows.map((r) => `| ${r.stateMb} MB | ${r.changeMs} | ${base > 0 ? `${Math.round((r.changeMs / base) * 100) / 100}× ${r.stateMb === 1 ? '' : mark(r.changeMs / base <= 1.5)}` : ''} | ${r.wholeMs} |`),
  ];
}
