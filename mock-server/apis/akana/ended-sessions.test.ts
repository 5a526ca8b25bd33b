import { EndedSessions } from './ended-sessions';

describe('EndedSessions', () => {
  test('an ended session is refused until its cookie would have expired, then forgotten', () => {
    const ended = new EndedSessions();
    ended.end('a', 1_000, 0);
    expect([ended.has('a', 999), ended.has('a', 1_000), ended.has('b', 0)]).toEqual([true, false, false]);
  });

  test('ending a session again keeps the later expiry (a renewed cookie lives longer)', () => {
    const ended = new EndedSessions();
    ended.end('a', 2_000, 0);
    ended.end('a', 1_000, 0);
    expect(ended.has('a', 1_500)).toBe(true);
  });

  test('is bounded: expired entries go first, then the one that expires soonest', () => {
    const ended = new EndedSessions(3);
    ended.end('old', 10, 0);
    ended.end('soon', 100, 0);
    ended.end('late', 300, 0);
    ended.end('new', 200, 50);
    expect(ended.size).toBe(3);
    expect(['old', 'soon', 'late', 'new'].map((sid) => ended.has(sid, 50))).toEqual([false, true, true, true]);
    ended.end('newer', 400, 60);
    expect(ended.size).toBe(3);
    expect(['soon', 'late', 'new', 'newer'].map((sid) => ended.has(sid, 60))).toEqual([false, true, true, true]);
  });
});
