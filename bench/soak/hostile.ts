import crypto from 'node:crypto';
import type { RawRequest } from '../fuzz/http';
import type { Call } from './flows';

/**
 * `npm run soak -- --profile hostile`: what a hostile page or a careless suite
 * does to a mock, across many tenants at once. Every value is as large as the
 * specs allow, so the memory bounds (string maxima, journalBytes,
 * mailboxBytes, maxTenants) are what keeps RSS flat, not the traffic.
 */
const TENANTS = 64;
const tenant = (): string => `/__tenants/hostile-${crypto.randomInt(TENANTS)}`;
const filler = (n: number): string => 'x'.repeat(n);

const json = (method: string, path: string, body: unknown, headers: Record<string, string> = {}): RawRequest => ({
  method,
  path,
  headers: { 'content-type': 'application/json', ...headers },
  body: Buffer.from(JSON.stringify(body)),
});

let serial = 0;

export const HOSTILE_FLOWS: Record<string, { weight: number; run(call: Call): Promise<void> }> = {
  // A sign-up with the longest name allowed, then resets: each mail repeats the name.
  'largest sign-up and its reset mails': {
    weight: 3,
    async run(call) {
      const prefix = tenant();
      const email = `hostile-${process.pid}-${++serial}@edgeimpulse.example`;
      await call(json('POST', `${prefix}/v1/api-user-create`, { name: filler(2048), username: `hostile-${serial}`.slice(0, 30), email, password: 'hostile-password-1', privacyPolicy: true, turnstileResponse: 't' }));
      for (let i = 0; i < 3; i++) await call(json('POST', `${prefix}/v1/api-user-request-reset-password`, { email }));
    },
  },
  // Large headers and a large body the journal keeps (cut at 8 kB), refused or not.
  'large headers and bodies': {
    weight: 3,
    async run(call) {
      await call(json('POST', `${tenant()}/api/v1/authenticate`, { username: filler(4000), password: filler(4000) }, { 'x-padding': filler(12_000) }));
    },
  },
  // What an <img> on any page sends: no Origin, a path that is no operation.
  'image probes of tenants': {
    weight: 2,
    async run(call) {
      await call({ method: 'GET', path: `/__tenants/probe-${crypto.randomInt(1_000_000)}/logo.png`, headers: {} });
    },
  },
  // Reading everything back, as a console does.
  'reading journals and mailboxes': {
    weight: 1,
    async run(call) {
      const prefix = tenant();
      await call({ method: 'GET', path: `${prefix}/__admin/mailbox?limit=1000`, headers: {} });
      await call({ method: 'GET', path: `${prefix}/__admin/requests?limit=1000`, headers: {} });
    },
  },
};

const TOTAL = Object.values(HOSTILE_FLOWS).reduce((n, f) => n + f.weight, 0);

export function pickHostileFlow(r: number): string {
  let left = r * TOTAL;
  for (const [name, flow] of Object.entries(HOSTILE_FLOWS)) {
    left -= flow.weight;
    if (left < 0) return name;
  }
  return Object.keys(HOSTILE_FLOWS)[0];
}
