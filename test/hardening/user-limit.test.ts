import { createHarness, type Harness } from '../support/harness';

// The smallest maxUsers the config allows; each world's fixtures take their places too.
const MAX = 100;
let h: Harness;

const akanaUser = (i: number) => ({ vendor: 'akana', email: `user-${i}@akana.example`, password: 'password-1' });
const eiSignUp = { name: 'Over', username: 'over-limit', email: 'over@edgeimpulse.example', password: 'over-password-1', privacyPolicy: true, turnstileResponse: 't' };

/** Creates users until the bound refuses one; returns how many were created. */
async function fill(): Promise<number> {
  for (let created = 0; created <= MAX; created++) {
    const res = await h.request.post('/__admin/users').send(akanaUser(created));
    if (res.status === 507) return created;
    expect(res.status).toBe(201);
  }
  throw new Error(`${MAX + 1} users were created under maxUsers ${MAX}`);
}

beforeEach(async () => {
  h = await createHarness({ config: { maxUsers: MAX } });
});
afterEach(() => expect(h.violations()).toEqual([]));

describe('maxUsers: one bound on users across all worlds', () => {
  test('past it the admin API answers 507 problem+json marked as the mock’s own, and nothing is added', async () => {
    const seeded = h.runtime.users.size;
    // Every place not taken by the default world's fixtures, and no more.
    expect(await fill()).toBe(MAX - seeded);
    const res = await h.request.post('/__admin/users').send(akanaUser(999)).expect(507);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['x-authmock-fault']).toBe('capacity');
    expect(res.body.detail).toContain(`at most ${MAX} users across all its worlds (maxUsers)`);
    expect(h.runtime.users.size).toBe(MAX);
  });

  test('past it a vendor sign-up answers 507 in the vendor’s envelope and sends no mail', async () => {
    await fill();
    const mails = h.runtime.mailbox.size;
    const res = await h.request.post('/v1/api-user-create').send(eiSignUp).expect(507);
    expect(res.body).toMatchObject({ success: false, error: expect.stringContaining('maxUsers') });
    expect(res.headers['x-authmock-fault']).toBe('capacity');
    expect(JSON.stringify(res.body)).not.toContain(eiSignUp.password);
    expect(h.runtime.mailbox.size).toBe(mails);
  });

  test('a bulk create that would not fit creates none, and says how many places are left', async () => {
    const room = MAX - h.runtime.users.size;
    const res = await h.request.post('/__admin/users/bulk').send({ vendor: 'akana', count: room + 1, password: 'bulk-password' }).expect(507);
    expect(res.body.detail).toContain(`room for ${room} more, not ${room + 1}`);
    expect(h.runtime.users.size).toBe(MAX - room);
    await h.request.post('/__admin/users/bulk').send({ vendor: 'akana', count: room, password: 'bulk-password' }).expect(201);
  });

  test('the bound holds across tenants: a tenant’s sign-up is refused when the default world filled it', async () => {
    await fill();
    await h.request.put('/__admin/tenants/w1').expect(201); // seeded past the bound: fixtures are never refused
    await h.request.post('/__tenants/w1/v1/api-user-create').send(eiSignUp).expect(507);
  });

  test.each<[string, (h: Harness) => Promise<unknown>]>([
    ['a deleted user', async (x) => x.request.delete(`/__admin/users/${x.runtime.users.list({ vendor: 'akana', email: 'user-0@akana.example' })[0].id}`).expect(204)],
    ['a reset', async (x) => x.request.post('/__admin/reset').expect(204)],
    ['a deleted tenant', async (x) => x.request.delete('/__admin/tenants/w1').expect(204)],
  ])('%s gives places back, so a sign-up succeeds again', async (_label, free) => {
    await h.request.put('/__admin/tenants/w1').expect(201);
    await fill();
    await h.request.post('/v1/api-user-create').send(eiSignUp).expect(507);
    await free(h);
    await h.request.post('/v1/api-user-create').send(eiSignUp).expect(200);
  });
});
