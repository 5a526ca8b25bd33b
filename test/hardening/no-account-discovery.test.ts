import { createHarness, fixture, type Harness } from '../support/harness';

/**
 * Operations whose spec promises the same answer whether or not an account
 * exists: the sequence of answers to repeated calls must be the same for a
 * pending, an active, a suspended and an unknown address, 429s and their
 * Retry-After included. Each address gets a fresh mock, so nothing but the
 * address differs.
 */
interface Case {
  label: string;
  vendor: string;
  calls: number;
  send(h: Harness, address: string): Promise<{ status: number; text: string; headers: Record<string, string> }>;
}

const CASES: Case[] = [
  {
    label: 'EMnify activation_resend',
    vendor: 'emnify',
    calls: 4,
    send: (h, username) => h.request.post('/api/v1/user/activation_resend').send({ username, 'g-recaptcha-response': 'a-valid-token' }),
  },
  {
    label: 'Akana resendActivation',
    vendor: 'akana',
    calls: 5,
    send: (h, emailAddress) => h.request.post('/api/users/resendActivation').type('form').set('Accept', '*/*').send({ emailAddress }),
  },
  {
    label: 'Edge Impulse requestResetPassword',
    vendor: 'edge-impulse',
    calls: 3,
    send: (h, email) => h.request.post('/v1/api-user-request-reset-password').send({ email }),
  },
];

const ROLES = ['pending activation', 'active', 'suspended'];

async function sequence(c: Case, address: string): Promise<string[]> {
  const h = await createHarness();
  const out: string[] = [];
  for (let i = 0; i < c.calls; i++) {
    const res = await c.send(h, address);
    out.push(`${res.status} retry-after=${res.headers['retry-after'] ?? '-'} ${res.text}`);
    h.clock.advance(1000);
  }
  expect(h.violations()).toEqual([]);
  return out;
}

describe('no account discovery', () => {
  test.each(CASES.map((c) => [c.label, c] as const))('%s answers a pending, an active, a suspended and an unknown address alike', async (_label, c) => {
    const addresses = [...ROLES.map((role) => fixture(c.vendor, role).email), `nobody.${c.vendor}@unknown.example`];
    const sequences = await Promise.all(addresses.map((a) => sequence(c, a)));
    for (const s of sequences.slice(1)) expect(s).toEqual(sequences[0]);
  });

  test('the EMnify limit is reached for an unknown address as for a pending one', async () => {
    const s = await sequence(CASES[0], 'nobody@unknown.example');
    expect(s.map((x) => x.slice(0, 3))).toEqual(['204', '429', '429', '429']);
  });
});
