import { createHarness } from '../support/harness';

// A third party creates users only at a vendor that composes the third-party flow; the admin API finds it, or is told.
describe('POST /__admin/third-party-activation-codes', () => {
  test.each([
    ['without a vendor, the only vendor that can is used', {}, 201, 'edge-impulse'],
    ['naming that vendor', { vendor: 'edge-impulse' }, 201, 'edge-impulse'],
  ])('%s', async (_label, extra, status, vendor) => {
    const h = await createHarness();
    const res = await h.request.post('/__admin/third-party-activation-codes').send({ ...extra, email: 'partner@example.test' }).expect(status);
    expect(h.runtime.users.byId(res.body.userId)?.vendor).toBe(vendor);
    const mail = h.runtime.mailbox.page({ to: 'partner@example.test' }, { limit: 10 }).items;
    expect(mail.map((m) => [m.kind, m.code])).toEqual([['third-party-activation', res.body.activationCode]]);
  });

  test('a vendor without the flow is refused in problem+json, naming the field, and no user is made', async () => {
    const h = await createHarness();
    const before = h.runtime.users.size;
    const res = await h.request.post('/__admin/third-party-activation-codes').send({ vendor: 'akana', email: 'partner@example.test' }).expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors).toEqual([{ field: 'vendor', message: 'vendor akana has no users created by a third party' }]);
    expect(h.runtime.users.size).toBe(before);
  });
});
