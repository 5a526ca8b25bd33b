import { sha1Hex } from '../../mock-server/apis/emnify/accounts';
import { fixture, type Harness } from '../support/harness';

const ei = fixture('edge-impulse', 'active');
const em = fixture('emnify', 'active');
const akanaPending = fixture('akana', 'pending activation');

/** One succeeding call per vendor, with the operation it reaches and the status it answers unfaulted. */
export const VENDOR_CALLS = {
  'edge-impulse': { operationId: 'login', ok: 200, send: (h: Harness) => h.request.post('/v1/api-login').send({ username: ei.username, password: ei.password }) },
  emnify: { operationId: 'authenticate', ok: 200, send: (h: Harness) => h.request.post('/api/v1/authenticate').send({ username: em.email, password: sha1Hex(em.password!) }) },
  akana: { operationId: 'resendActivation', ok: 200, send: (h: Harness) => h.request.post('/api/users/resendActivation').type('form').send({ emailAddress: akanaPending.email }) },
} as const;

export type Vendor = keyof typeof VENDOR_CALLS;
export const VENDORS = Object.keys(VENDOR_CALLS) as Vendor[];

/** A sleep that waits for nothing and remembers what it was asked to wait. */
export function recordingSleep(): { slept: number[]; sleep: (ms: number) => Promise<void> } {
  const slept: number[] = [];
  return { slept, sleep: async (ms) => void slept.push(ms) };
}
