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

  test.each([0, -1, 1.5])('refuses a capacity of %p', (capacity) => {
    expect(() => new RingBuffer(capacity)).toThrow(RangeError);
  });
});
