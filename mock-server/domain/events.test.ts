import { EventBus, LongLived } from './events';

describe('EventBus', () => {
  test('delivers each event to every subscriber until it unsubscribes', () => {
    const bus = new EventBus<{ type: 'a' | 'b' }>();
    const seen: string[] = [];
    const off = bus.subscribe((e) => seen.push(`1${e.type}`));
    bus.subscribe((e) => seen.push(`2${e.type}`));
    bus.emit({ type: 'a' });
    off();
    bus.emit({ type: 'b' });
    expect(seen).toEqual(['1a', '2a', '2b']);
    expect(bus.size).toBe(1);
  });

  test('a listener that throws is dropped and does not stop the others', () => {
    const bus = new EventBus<{ type: 'a' }>();
    const seen: number[] = [];
    bus.subscribe(() => {
      throw new Error('broken listener');
    });
    bus.subscribe(() => seen.push(1));
    expect(() => bus.emit({ type: 'a' })).not.toThrow();
    bus.emit({ type: 'a' });
    expect(seen).toEqual([1, 1]);
    expect(bus.size).toBe(1);
  });
});

describe('LongLived', () => {
  test('closeAll ends each registered request once; a deregistered one is left alone', () => {
    const longLived = new LongLived();
    const closed: string[] = [];
    longLived.add(() => closed.push('a'));
    const off = longLived.add(() => closed.push('b'));
    off();
    longLived.closeAll();
    longLived.closeAll();
    expect(closed).toEqual(['a']);
    expect(longLived.size).toBe(0);
  });
});

describe('LongLived scopes', () => {
  test('ending a scope ends its requests alone; ending the app ends every scope once', () => {
    const app = new LongLived();
    const a = app.scope();
    const b = app.scope();
    const closed: string[] = [];
    app.add(() => closed.push('app'));
    a.add(() => closed.push('a'));
    b.add(() => closed.push('b'));
    expect(app.size).toBe(3);
    a.closeAll();
    expect(closed).toEqual(['a']);
    expect(app.size).toBe(2);
    app.closeAll();
    b.closeAll();
    expect(closed.sort()).toEqual(['a', 'app', 'b']);
    expect([app.size, a.size, b.size]).toEqual([0, 0, 0]);
  });

  test('places are counted across the app and its scopes, and each is given back once', () => {
    const app = new LongLived();
    const [a, b] = [app.scope(), app.scope()];
    const first = a.take('streams', 2)!;
    expect(b.take('streams', 2)).toBeDefined();
    expect(app.take('streams', 2)).toBeUndefined();
    first();
    first();
    expect(app.taken('streams')).toBe(1);
    expect(b.take('streams', 2)).toBeDefined();
    expect(a.take('polls', 1)).toBeDefined();
  });
});
