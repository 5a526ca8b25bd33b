import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StateSaver } from './state-saver';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authmock-saver-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('StateSaver', () => {
  test('many changes in a row are written once, with the state after the last of them', async () => {
    const file = path.join(dir, 'state.json');
    let value = 0;
    let serialized = 0;
    const saver = new StateSaver(file, () => {
      serialized++;
      return String(value);
    });
    for (let i = 1; i <= 50; i++) {
      value = i;
      saver.markDirty();
    }
    await saver.flush();
    expect(serialized).toBe(1);
    expect(fs.readFileSync(file, 'utf8')).toBe('50');
  });

  test('a change made while a write is under way is written after it', async () => {
    const file = path.join(dir, 'state.json');
    let value = 'first';
    const saver = new StateSaver(file, () => value);
    saver.markDirty();
    const writing = saver.flush();
    value = 'second';
    saver.markDirty();
    await writing;
    await saver.flush();
    expect(fs.readFileSync(file, 'utf8')).toBe('second');
  });

  test('nothing is written when nothing changed', async () => {
    const file = path.join(dir, 'state.json');
    const saver = new StateSaver(file, () => 'x');
    await saver.close();
    expect(fs.existsSync(file)).toBe(false);
  });

  test('a failed write is reported once and retried by the next flush', async () => {
    const file = path.join(dir, 'missing-folder', 'state.json');
    const errors: Error[] = [];
    const saver = new StateSaver(file, () => 'x', (err) => errors.push(err));
    saver.markDirty();
    await saver.flush();
    saver.markDirty();
    await saver.flush();
    expect(errors).toHaveLength(1);
    fs.mkdirSync(path.dirname(file));
    await saver.close();
    expect(fs.readFileSync(file, 'utf8')).toBe('x');
  });

  test('no temporary file is left beside the state file', async () => {
    const file = path.join(dir, 'state.json');
    const saver = new StateSaver(file, () => '{}');
    saver.markDirty();
    await saver.close();
    expect(fs.readdirSync(dir)).toEqual(['state.json']);
  });
});
