import crypto from 'node:crypto';
import { FIXTURE_ACCOUNTS } from '../../fixtures';
import { send, type RawRequest } from './http';

const sha1 = (s: string): string => crypto.createHash('sha1').update(s, 'utf8').digest('hex');

/**
 * Strings the fuzz offers for string fields beside generated ones: the seeded
 * accounts' addresses, user names, passwords (plain and as EMnify's SHA-1),
 * codes and secrets, so that valid bodies reach past "unknown user" into the
 * business rules; and strings that break naive code.
 */
export function dictionary(): string[] {
  const words = new Set<string>(['', ' ', 'recaptcha-fail', 'null', '__proto__', 'constructor', "' OR 1=1 --", '<script>alert(1)</script>', '../../etc/passwd', '\u0000', 'é'.repeat(300), '😀', 'a'.repeat(5000)]);
  for (const a of FIXTURE_ACCOUNTS) {
    for (const v of [a.email, a.username, a.name, a.password, a.password && sha1(a.password), a.mfaSecret, a.activationCode, a.thirdPartyActivationCode, a.vendor]) {
      if (typeof v === 'string') words.add(v);
    }
    words.add(a.email.toUpperCase());
  }
  return [...words];
}

/**
 * The seeded accounts as field values that belong together, under the field
 * names the specs use: a login, an activation with the mailed key, a password
 * change with the right old password. EMnify's authenticate takes the SHA-1.
 */
export function accountRecords(): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  for (const a of FIXTURE_ACCOUNTS) {
    const r: Record<string, string> = { email: a.email, emailAddress: a.email, username: a.username ?? a.email, name: a.name, vendor: a.vendor };
    if (a.password) Object.assign(r, { password: a.password, old_password: a.password, new_password: 'fuzz-password-2', newPassword: 'fuzz-password-2' });
    if (a.activationCode) Object.assign(r, { code: a.activationCode, activationKey: a.activationCode });
    if (a.thirdPartyActivationCode) Object.assign(r, { activationCode: a.thirdPartyActivationCode, password: 'fuzz-password-2', username: 'fuzz-user' });
    out.push(r);
    if (a.vendor === 'emnify' && a.password) out.push({ ...r, password: sha1(a.password) });
  }
  return out;
}

const json = (method: string, path: string, body: unknown): RawRequest => ({
  method,
  path,
  headers: { 'content-type': 'application/json' },
  body: Buffer.from(JSON.stringify(body)),
});

/** Working tokens of the seeded accounts, from real logins, so that authenticated calls get past authentication. */
export async function loginTokens(port: number): Promise<{ spec: string; token: string }[]> {
  const tokens: { spec: string; token: string }[] = [];
  const attempts: { request: RawRequest; fields: string[] }[] = [];
  for (const a of FIXTURE_ACCOUNTS) {
    if (!a.password || a.status === 'suspended' || a.mfaSecret) continue;
    if (a.vendor === 'edge-impulse') attempts.push({ request: json('POST', '/v1/api-login', { username: a.username ?? a.email, password: a.password }), fields: ['token'] });
    if (a.vendor === 'emnify' && a.status === 'active') {
      attempts.push({ request: json('POST', '/api/v1/authenticate', { username: a.email, password: sha1(a.password) }), fields: ['auth_token', 'refresh_token'] });
    }
  }
  for (const { request, fields } of attempts) {
    const res = await send(port, request);
    if (res.status !== 200) continue;
    const body = JSON.parse(res.text) as Record<string, unknown>;
    const spec = request.path.startsWith('/v1/') ? 'edge-impulse' : 'emnify';
    for (const f of fields) if (typeof body[f] === 'string') tokens.push({ spec, token: body[f] as string });
  }
  return tokens;
}

export interface Canary {
  name: string;
  request: RawRequest;
  /** What a healthy mock answers besides a spec-valid 2xx. */
  healthy(status: number, text: string): boolean;
  /**
   * The canary reads seeded data, which an admin write may have changed on purpose
   * (an import without the account, a delete, a new password): after such a case it is
   * asked again after a reset before it counts as a failure.
   */
  readsSeededData?: boolean;
}

/**
 * Requests sent after every case: the mock must still answer them normally, so
 * a case that leaves the mock broken (a clock moved out of range, say) fails
 * where it happened, not on some later case.
 */
export function canaries(): Canary[] {
  const active = FIXTURE_ACCOUNTS.find((a) => a.vendor === 'edge-impulse' && a.status === 'active' && a.password && !a.mfaSecret);
  const out: Canary[] = [{ name: 'journal read', request: { method: 'GET', path: '/__admin/requests?limit=2', headers: {} }, healthy: (s) => s === 200 }];
  if (active) {
    out.push({
      name: 'Edge Impulse login of a seeded account',
      request: json('POST', '/v1/api-login', { username: active.username, password: active.password }),
      healthy: (s, text) => s === 200 && (JSON.parse(text) as { success?: boolean }).success === true,
      readsSeededData: true,
    });
  }
  return out;
}
