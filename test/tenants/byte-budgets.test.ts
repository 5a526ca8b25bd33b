import { ByteBudget } from '../../mock-server/domain/byte-budget';
import { ManualClock } from '../../mock-server/domain/clock';
import { Mailbox } from '../../mock-server/domain/mailbox';
import { Journal } from '../../mock-server/http/journal';
import { createHarness, fixture } from '../support/harness';

// journalBytes and mailboxBytes bound all worlds together: tenants do not multiply them.
const KIB = 1024;
const big = (n: number) => 'x'.repeat(n);

test('the journals of all tenants together stay within journalBytes; the oldest entries go first and each world counts its dropped ones', async () => {
  const h = await createHarness({ config: { journalBytes: 256 * KIB, journalSize: 1000 } });
  const login = fixture('edge-impulse', 'active');
  // About 8 kB of body per request, in three tenants: 90 requests hold far more than 256 KiB.
  for (let i = 0; i < 90; i++) {
    const tenant = `w${i % 3}`;
    await h.request.post(`/__tenants/${tenant}/v1/api-login`).send({ username: login.username, password: big(7 * KIB) });
  }
  const pages = await Promise.all(['w0', 'w1', 'w2'].map((t) => h.request.get(`/__tenants/${t}/__admin/requests?limit=1000`).expect(200)));
  const kept = pages.reduce((n, p) => n + (p.body.requests as unknown[]).filter((r) => (r as { path: string }).path.endsWith('/api-login')).length, 0);
  const dropped = pages.reduce((n, p) => n + (p.body.dropped as number), 0);
  expect(kept).toBeLessThan(40);
  expect(kept + dropped).toBeGreaterThanOrEqual(90);
  for (const p of pages) expect(p.body.dropped).toBeGreaterThan(0);
  // The newest requests are the ones kept.
  const newest = pages[2].body.requests[0] as { path: string };
  expect(newest.path).toBe('/v1/api-login');
});

test('the mailboxes of all tenants together stay within mailboxBytes, oldest mail first', async () => {
  const h = await createHarness({ config: { mailboxBytes: 64 * KIB } });
  for (let i = 0; i < 60; i++) {
    await h.request.post(`/__tenants/m${i % 2}/v1/api-user-create`).send({ name: big(2000), username: `bulk-user-${i}`, email: `bulk${i}@edgeimpulse.example`, password: 'password-1', privacyPolicy: true, turnstileResponse: 't' }).expect(200);
  }
  const boxes = await Promise.all(['m0', 'm1'].map((t) => h.request.get(`/__tenants/${t}/__admin/mailbox?limit=1000`).expect(200)));
  const kept = boxes.flatMap((b) => b.body.messages as { to: string; text: string }[]).filter((m) => m.to.startsWith('bulk'));
  const bytes = kept.reduce((n, m) => n + m.text.length, 0);
  expect(bytes).toBeLessThanOrEqual(64 * KIB);
  expect(kept.length).toBeGreaterThan(0);
  expect(kept.length).toBeLessThan(60);
  // The newest sign-up's mail is still there; the first one's is gone.
  expect(kept.some((m) => m.to === 'bulk59@edgeimpulse.example')).toBe(true);
  expect(kept.some((m) => m.to === 'bulk0@edgeimpulse.example')).toBe(false);
});

test('a journal and a mailbox give their bytes back when cleared (a reset, or a dropped tenant)', () => {
  const budget = new ByteBudget(1024 * KIB);
  const journal = new Journal(100, new ManualClock(), undefined, budget);
  for (let i = 0; i < 10; i++) journal.note({ method: 'DELETE', path: '/x', status: 204, note: 'n' });
  const box = new Mailbox(100, budget);
  for (let i = 0; i < 10; i++) box.send({ vendor: 'edge-impulse', kind: 'activation', to: 'a@b.example', subject: 's', text: big(1000), code: 'c' }, 0);
  expect(budget.used).toBeGreaterThan(10 * 1000);
  journal.clear();
  box.clear();
  expect(budget.used).toBe(0);
});

test('a tenant dropped through the admin API clears its journal and mailbox', async () => {
  const h = await createHarness();
  await h.request.post('/__tenants/gone/v1/api-user-create').send({ name: 'Gone', username: 'gone-user', email: 'gone@edgeimpulse.example', password: 'password-1', privacyPolicy: true, turnstileResponse: 't' }).expect(200);
  const world = h.app.worlds.peek('gone')!;
  expect(world.runtime.mailbox.size).toBeGreaterThan(0);
  await h.request.delete('/__admin/tenants/gone').expect(204);
  expect(world.runtime.mailbox.size).toBe(0);
  expect(world.journal.list(10)).toEqual([]);
});
