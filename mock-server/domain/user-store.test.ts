import { UserStore } from './user-store';

describe('UserStore', () => {
  const make = () => {
    const s = new UserStore();
    const u = s.insert({ vendor: 'emnify', email: 'Eva@Example.COM', username: 'Eva', status: 'active' }, 1000);
    s.insert({ vendor: 'akana', email: 'eva@example.com', status: 'pending' }, 1000);
    return { s, u };
  };

  test.each([
    ['by e-mail in any case', (s: UserStore) => s.byEmail('emnify', 'eva@example.com')],
    ['by username in any case', (s: UserStore) => s.byUsername('emnify', 'EVA')],
    ['by login name, username first', (s: UserStore) => s.byLogin('emnify', 'eva')],
    ['by login name, e-mail second', (s: UserStore) => s.byLogin('emnify', 'EVA@example.com')],
  ])('finds a user %s', (_label, find) => {
    const { s, u } = make();
    expect(find(s)).toBe(u);
  });

  test('keeps each vendor’s users apart', () => {
    const { s } = make();
    expect(s.byEmail('akana', 'eva@example.com')!.vendor).toBe('akana');
    expect(s.byEmail('edge-impulse', 'eva@example.com')).toBeUndefined();
    expect(s.list({ vendor: 'akana' })).toHaveLength(1);
  });

  test('a new username replaces the old one in the index', () => {
    const { s, u } = make();
    s.setUsername(u, 'eva-2', 2000);
    expect(s.byUsername('emnify', 'eva')).toBeUndefined();
    expect(s.byUsername('emnify', 'eva-2')).toBe(u);
    expect(u.updatedAt).toBe(2000);
  });

  test('a new e-mail address replaces the old one in the index, and watchers hear of it', () => {
    const { s, u } = make();
    const heard: string[] = [];
    s.onChange = (action, user) => heard.push(`${action} ${user.email}`);
    s.setEmail(u, 'eva.new@example.com', 3000);
    expect([s.byEmail('emnify', 'eva@example.com'), s.byEmail('emnify', 'EVA.NEW@example.com')]).toEqual([undefined, u]);
    expect([u.updatedAt, heard]).toEqual([3000, ['changed eva.new@example.com']]);
  });

  test('clear empties every index and restarts ids', () => {
    const { s } = make();
    s.clear();
    expect(s.size).toBe(0);
    expect(s.byEmail('emnify', 'eva@example.com')).toBeUndefined();
    expect(s.insert({ vendor: 'emnify', email: 'x@y.example', status: 'active' }, 0).id).toBe(1);
  });
});
