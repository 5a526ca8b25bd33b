import { DomainError } from './errors';
import { UserQuota } from './user-quota';
import { UserStore } from './user-store';

const user = (email: string) => ({ vendor: 'akana' as const, email, status: 'active' as const });

describe('UserQuota', () => {
  test('a place is taken until the limit, then USER_LIMIT naming the bound is thrown', () => {
    const quota = new UserQuota(2);
    quota.take();
    quota.take();
    expect(() => quota.take()).toThrow(expect.objectContaining({ code: 'USER_LIMIT', message: expect.stringContaining('at most 2 users across all its worlds') }));
    expect(quota.used).toBe(2);
  });

  test.each([[0], [-1], [1.5]])('a limit of %p is refused', (limit) => {
    expect(() => new UserQuota(limit)).toThrow(RangeError);
  });
});

describe('UserStore with a quota shared by two stores', () => {
  test.each<[string, (a: UserStore, b: UserStore) => void, number]>([
    ['inserts in either store count', (a, b) => (a.insert(user('a@x.example'), 0), b.insert(user('b@x.example'), 0)), 2],
    ['a removed user gives its place back', (a) => a.remove(a.insert(user('a@x.example'), 0).id), 0],
    ['clearing a store gives all its places back', (a, b) => (a.insert(user('a@x.example'), 0), b.insert(user('b@x.example'), 0), a.clear()), 1],
    ['seeded users are counted', (a) => a.seed(() => a.insert(user('s@x.example'), 0)), 1],
    ['a restore counts what it restores', (a) => a.restore({ nextId: 5, items: [{ ...a.insert(user('r@x.example'), 0), id: 4 }] }), 1],
  ])('%s', (_label, act, used) => {
    const quota = new UserQuota(10);
    const [a, b] = [new UserStore(), new UserStore()];
    a.quota = quota;
    b.quota = quota;
    act(a, b);
    expect(quota.used).toBe(used);
  });

  test('a full quota refuses an insert in the other store, but seeding goes past it', () => {
    const quota = new UserQuota(1);
    const [a, b] = [new UserStore(), new UserStore()];
    a.quota = quota;
    b.quota = quota;
    a.insert(user('a@x.example'), 0);
    expect(() => b.insert(user('b@x.example'), 0)).toThrow(DomainError);
    expect(b.size).toBe(0);
    b.seed(() => b.insert(user('fixture@x.example'), 0));
    expect([b.size, quota.used]).toEqual([1, 2]);
  });
});
