import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { StateFs } from './state-file';
import { applyLog, logFileOf, snapshotId } from './state-log';
import { MIN_COMPACT_BYTES, StateSaver, type StateSource } from './state-saver';

let dir: string;
let file: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authmock-saver-'));
  file = path.join(dir, 'state.json');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Worlds as plain values; counts how often each is serialized. */
function worlds(initial: Record<string, unknown>) {
  const values = new Map(Object.entries(initial));
  const serialized = new Map<string, number>();
  const source: StateSource = {
    world: (name) => {
      serialized.set(name, (serialized.get(name) ?? 0) + 1);
      return values.has(name) ? JSON.stringify(values.get(name)) : undefined;
    },
    tenants: () => [...values.keys()].filter((n) => n !== 'default'),
    document: (json) => `{"world":${json.get('default')},"tenants":{${[...json].filter(([n]) => n !== 'default').map(([n, j]) => `"${n}":${j}`).join(',')}}}\n`,
  };
  return { values, serialized, source };
}

/** What a start would load: the file with the lines of its log that apply to it. */
function load(): Record<string, unknown> {
  const text = fs.readFileSync(file, 'utf8');
  const doc = JSON.parse(text) as Record<string, unknown>;
  const log = fs.existsSync(logFileOf(file)) ? fs.readFileSync(logFileOf(file), 'utf8') : '';
  applyLog(doc, snapshotId(text), log);
  return doc;
}

/** fs.promises, with `open` failing while `failing` holds an error code. */
function failingFs(): { fsys: StateFs; fail(code: string | undefined): void } {
  let code: string | undefined;
  const fsys: StateFs = {
    ...fs.promises,
    open: ((...args: Parameters<typeof fs.promises.open>) => {
      if (code) return Promise.reject(Object.assign(new Error(`${code}: injected failure, open '${String(args[0])}'`), { code }));
      return fs.promises.open(...args);
    }) as typeof fs.promises.open,
  };
  return { fsys, fail: (c) => (code = c) };
}

describe('StateSaver', () => {
  test('many changes in a row are saved once, with the state after the last of them', async () => {
    const w = worlds({ default: 0 });
    const saver = new StateSaver(file, w.source);
    await saver.flush();
    const before = w.serialized.get('default');
    for (let i = 1; i <= 50; i++) {
      w.values.set('default', i);
      saver.markDirty('default');
    }
    await saver.flush();
    expect(w.serialized.get('default')).toBe(before! + 1);
    expect(load()).toEqual({ world: 50, tenants: {} });
  });

  test('a save serializes only the worlds that changed, and appends them to the log', async () => {
    const w = worlds({ default: 'd', big: 'b'.repeat(1000), small: 's' });
    const saver = new StateSaver(file, w.source);
    await saver.flush();
    const fileBefore = fs.readFileSync(file, 'utf8');
    w.values.set('small', 's2');
    saver.markDirty('small');
    await saver.flush();
    expect(Object.fromEntries(w.serialized)).toEqual({ default: 1, big: 1, small: 2 });
    expect(fs.readFileSync(file, 'utf8')).toBe(fileBefore);
    expect(load()).toEqual({ world: 'd', tenants: { big: 'b'.repeat(1000), small: 's2' } });
  });

  test('a change made while a save is under way is saved after it', async () => {
    const w = worlds({ default: 'first' });
    const saver = new StateSaver(file, w.source);
    const saving = saver.flush();
    w.values.set('default', 'second');
    saver.markDirty('default');
    await saving;
    await saver.flush();
    expect(load()).toEqual({ world: 'second', tenants: {} });
  });

  test('a dropped tenant is gone from what loads, and a tenant opened by a read is in it', async () => {
    const w = worlds({ default: 'd', gone: 'g' });
    const saver = new StateSaver(file, w.source);
    await saver.flush();
    w.values.delete('gone');
    w.values.set('fresh', 'f');
    saver.markDirty();
    await saver.flush();
    expect(load()).toEqual({ world: 'd', tenants: { fresh: 'f' } });
  });

  test('nothing is written when a loaded file did not change', async () => {
    const w = worlds({ default: 'x' });
    const saver = new StateSaver(file, w.source, { loaded: { id: 'abc', bytes: 10 } });
    await saver.close();
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  test('a failed save is reported once, retried in the background, and lifted by the first success', async () => {
    const w = worlds({ default: 'x' });
    const { fsys, fail } = failingFs();
    const errors: Error[] = [];
    let recovered = 0;
    const saver = new StateSaver(file, w.source, { fs: fsys, onError: (err) => errors.push(err), onRecover: () => recovered++ });
    await saver.flush();
    fail('ENOSPC');
    w.values.set('default', 'y');
    saver.markDirty('default');
    await saver.flush();
    saver.markDirty('default');
    await saver.flush();
    expect(errors.map((e) => e.message)).toEqual([expect.stringContaining('ENOSPC')]);
    expect(saver.failure?.reason).toContain('ENOSPC');
    fail(undefined);
    // No call from here: the background retry saves.
    while (saver.failure) await new Promise((r) => setTimeout(r, 20));
    expect(recovered).toBe(1);
    expect(load()).toEqual({ world: 'y', tenants: {} });
    // The retry rewrote the whole file: no log and no temporary file beside it.
    expect(fs.readdirSync(dir)).toEqual(['state.json']);
  });

  test('close folds the log into the file, leaves nothing beside it and says whether the last save failed', async () => {
    const w = worlds({ default: 1 });
    const { fsys, fail } = failingFs();
    const saver = new StateSaver(file, w.source, { fs: fsys });
    await saver.flush();
    w.values.set('default', 2);
    saver.markDirty('default');
    await saver.flush();
    expect(await saver.close()).toBeUndefined();
    expect(fs.readdirSync(dir)).toEqual(['state.json']);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({ world: 2, tenants: {} });

    const second = new StateSaver(file, w.source, { fs: fsys });
    fail('EACCES');
    expect((await second.close())?.reason).toContain('EACCES');
    expect(fs.readdirSync(dir)).toEqual(['state.json']);
  });

  test.each([
    ['the new file is renamed into place', false],
    ['the rename fails, as a crash before it would leave things', true],
  ])('when the log outgrows the file it is compacted, and what loads is the latest state whether %s', async (_name, renameFails) => {
    const w = worlds({ default: 0, other: 'o' });
    const failRename = { on: false };
    const fsys: StateFs = { ...fs.promises, rename: ((from: string, to: string) => (failRename.on && to === file ? Promise.reject(new Error('EIO: injected')) : fs.promises.rename(from, to))) as typeof fs.promises.rename };
    const saver = new StateSaver(file, w.source, { fs: fsys });
    await saver.flush();
    failRename.on = renameFails;
    const chunk = 'z'.repeat(64 * 1024);
    for (let i = 1; i * chunk.length <= MIN_COMPACT_BYTES + 2 * chunk.length; i++) {
      w.values.set('default', `${i}${chunk}`);
      saver.markDirty('default');
      await saver.flush();
      expect(String(load().world).slice(0, 4)).toBe(`${i}zzz`.slice(0, 4));
    }
    // Let a compaction under way finish (or fail), then the disk heal.
    await new Promise((r) => setTimeout(r, 50));
    expect(String(load().world).slice(0, 4)).toBe(`${w.values.get('default')}`.slice(0, 4));
    failRename.on = false;
    w.values.set('default', 'last');
    saver.markDirty('default');
    await saver.flush();
    while (saver.failure) await new Promise((r) => setTimeout(r, 20));
    expect(load()).toEqual({ world: 'last', tenants: { other: 'o' } });
    if (!renameFails) expect(fs.statSync(logFileOf(file)).size).toBeLessThan(MIN_COMPACT_BYTES);
  });
});
