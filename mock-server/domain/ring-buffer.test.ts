import { RingBuffer } from './ring-buffer';

describe('RingBuffer', () => {
  test('keeps the newest items up to its capacity, newest first', () => {
    const b = new RingBuffer<number>(3);
    for (let i = 1; i <= 5; i++) b.push(i);
    expect(b.size).toBe(3);
    expect(b.newestFirst()).toEqual([5, 4, 3]);
    expect(b.newestFirst(2)).toEqual([5, 4]);
    expect(b.newestFirst(10, (n) => n % 2 === 1)).toEqual([5, 3]);
  });

  test('push hands back the item it overwrote, and dropOldest frees room from the old end', () => {
    const b = new RingBuffer<number>(3);
    expect([b.push(1), b.push(2), b.push(3), b.push(4)]).toEqual([undefined, undefined, undefined, 1]);
    expect(b.dropOldest()).toBe(2);
    expect(b.newestFirst()).toEqual([4, 3]);
    expect(b.push(5)).toBeUndefined();
    expect(b.push(6)).toBe(3);
    expect(b.all()).toEqual([4, 5, 6]);
    expect([b.fromNewest(0), b.fromNewest(2), b.fromNewest(3)]).toEqual([6, 4, undefined]);
  });

  test('dropping while it still grows keeps the order', () => {
    const b = new RingBuffer<number>(5);
    for (let i = 1; i <= 3; i++) b.push(i);
    expect(b.dropOldest()).toBe(1);
    for (let i = 4; i <= 7; i++) b.push(i);
    expect(b.all()).toEqual([3, 4, 5, 6, 7]);
    while (b.dropOldest() !== undefined);
    expect(b.size).toBe(0);
  });

  test.each([0, -1, 1.5])('refuses a capacity of %p', (capacity) => {
    expect(() => new RingBuffer(capacity)).toThrow(RangeError);
  });
});
