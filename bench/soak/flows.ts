import crypto from 'node:crypto';
import type { ObservedResponse } from '../../contracts/core';
import { FIXTURE_ACCOUNTS } from '../../fixtures';
import type { RawRequest } from '../fuzz/http';

/** Sends one request; the soak counts every answer. */
export type Call = (request: RawRequest) => Promise<ObservedResponse>;

const sha1 = (s: string): string => crypto.createHash('sha1').update(s, 'utf8').digest('hex');

const json = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}): RawRequest => ({
  method,
  path,
  headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
  body: body === undefined ? undefined : Buffer.from(JSON.stringify(body)),
});

function parse(res: ObservedResponse): Record<string, unknown> {
  try {
    return JSON.parse(res.text) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** The newest code mailed to an address, as a client reads it from the mailbox. */
async function mailedCode(call: Call, to: string, kind: string): Promise<string | undefined> {
  const res = await call(json('GET', `/__admin/mailbox?to=${encodeURIComponent(to)}&kind=${kind}&limit=1`));
  const messages = parse(res).messages as { code?: string }[] | undefined;
  return messages?.[0]?.code;
}

let serial = 0;
/** A fresh address per flow, so that flows of different workers do not meet. */
const address = (vendor: string): string => `soak-${process.pid}-${++serial}@${vendor}.soak.example`;

/**
 * User journeys of every vendor, run over and over by the soak. A step that
 * fails (a reset of state in between, a rate limit) ends the journey; only
 * 5xx answers and errors count as failures.
 */
export const FLOWS: Record<string, { weight: number; run(call: Call): Promise<void> }> = {
  'edge-impulse activation': {
    weight: 3,
    async run(call) {
      const email = address('ei');
      const password = 'soak-password-1';
      await call(json('POST', '/__admin/users', { vendor: 'edge-impulse', email, password, status: 'pending' }));
      const login = parse(await call(json('POST', '/v1/api-login', { username: email, password })));
      if (typeof login.token !== 'string') return;
      const jwt = { 'x-jwt-token': login.token };
      await call(json('POST', '/v1/api/user/request-activation', undefined, jwt));
      const code = await mailedCode(call, email, 'activation');
      if (code) await call(json('POST', '/v1/api/user/activate', { code }, jwt));
    },
  },
  'edge-impulse password reset': {
    weight: 3,
    async run(call) {
      const email = address('ei');
      await call(json('POST', '/__admin/users', { vendor: 'edge-impulse', email, password: 'soak-password-1' }));
      await call(json('POST', '/v1/api-user-request-reset-password', { email }));
      const code = await mailedCode(call, email, 'password-reset');
      if (!code) return;
      await call(json('POST', '/v1/api-user-verify-reset-password-code', { email, code }));
      await call(json('POST', '/v1/api-user-reset-password', { email, code, newPassword: 'soak-password-2' }));
      await call(json('POST', '/v1/api-login', { username: email, password: 'soak-password-2' }));
    },
  },
  'edge-impulse seeded login': {
    weight: 4,
    async run(call) {
      for (const a of FIXTURE_ACCOUNTS.filter((x) => x.vendor === 'edge-impulse' && x.password)) {
        await call(json('POST', '/v1/api-login', { username: a.username ?? a.email, password: a.password }));
      }
      await call(json('POST', '/v1/api-login', { username: 'nobody', password: 'wrong-password' }));
    },
  },
  'emnify activation and password change': {
    weight: 3,
    async run(call) {
      const email = address('emnify');
      await call(json('POST', '/__admin/users', { vendor: 'emnify', email, status: 'pending' }));
      const key = await mailedCode(call, email, 'activation');
      if (!key) return;
      await call(json('POST', '/api/v1/user/activation', { activationKey: key, password: 'soak-password-1' }));
      const auth = parse(await call(json('POST', '/api/v1/authenticate', { username: email, password: sha1('soak-password-1') })));
      if (typeof auth.auth_token !== 'string') return;
      await call(json('PATCH', '/api/v1/user/password', { old_password: 'soak-password-1', new_password: 'soak-password-2' }, { authorization: `Bearer ${auth.auth_token}` }));
      if (typeof auth.refresh_token === 'string') await call(json('POST', '/api/v1/authenticate', { refresh_token: auth.refresh_token }));
    },
  },
  'emnify resend and failed logins': {
    weight: 2,
    async run(call) {
      const pending = FIXTURE_ACCOUNTS.find((a) => a.vendor === 'emnify' && a.status === 'pending');
      for (const username of [pending?.email ?? 'x@emnify.example', address('emnify')]) {
        await call(json('POST', '/api/v1/user/activation_resend', { username, 'g-recaptcha-response': 'soak' }));
      }
      await call(json('POST', '/api/v1/authenticate', { username: address('emnify'), password: sha1('wrong') }));
    },
  },
  'akana resend': {
    weight: 3,
    async run(call) {
      const pending = FIXTURE_ACCOUNTS.find((a) => a.vendor === 'akana' && a.status === 'pending');
      for (const emailAddress of [pending?.email ?? 'x@akana.example', address('akana')]) {
        await call({
          method: 'POST',
          path: '/api/users/resendActivation',
          headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/vnd.soa.v81+json' },
          body: Buffer.from(new URLSearchParams({ emailAddress }).toString()),
        });
      }
    },
  },
  'admin reads': {
    weight: 2,
    async run(call) {
      await call(json('GET', '/__admin/users?vendor=emnify&status=active'));
      await call(json('GET', '/__admin/mailbox?vendor=akana&limit=20'));
      await call(json('GET', '/__admin/requests?limit=50'));
      await call(json('POST', '/__admin/third-party-activation-codes', { email: address('ei') }));
    },
  },
};

/** The admin calls the soak makes at a low rate: a state reset, a clock move, a mailbox clear. */
export const HOUSEKEEPING: RawRequest[] = [json('POST', '/__admin/reset'), json('POST', '/__admin/clock', { advanceMs: 60_000 }), json('DELETE', '/__admin/mailbox')];

/** Picks a flow by weight from a number in [0, 1). */
export function pickFlow(r: number): string {
  const entries = Object.entries(FLOWS);
  const total = entries.reduce((n, [, f]) => n + f.weight, 0);
  let x = r * total;
  for (const [name, f] of entries) {
    x -= f.weight;
    if (x < 0) return name;
  }
  return entries[entries.length - 1][0];
}
