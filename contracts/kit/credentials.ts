import crypto from 'node:crypto';
import type { CompiledSpec } from '../core';
import { ContractClient, UnreachableError, type CallResult } from './client';
import type { KitEnvironment, Vendor } from './environment';

/**
 * Proves that the credentials of the credentialed tier work before it runs.
 * A stale JWT or a wrong password would otherwise make every credentialed
 * call answer a documented 401, and the run would be green while proving
 * nothing. Each check makes one call; its exchange is not part of the report.
 */
export interface CredentialVerdict {
  vendor: Vendor;
  /** Undefined when the credentials worked (or there were none to check); else the one line to fail with. */
  refusal?: string;
}

export const sha1Hex = (s: string): string => crypto.createHash('sha1').update(s).digest('hex');

const refused = (vendor: Vendor, r: CallResult, check: string): string => `credentials for ${vendor} were refused (${r.status}): check ${check}`;

/** A field of a JSON answer, or undefined when the answer has no such field (never a TypeError). */
export function jsonField(result: Pick<CallResult, 'json'>, name: string): unknown {
  const json = result.json;
  return json !== null && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>)[name] : undefined;
}

/** Edge Impulse: a read-only call that needs the JWT. */
export async function checkEdgeImpulseJwt(spec: CompiledSpec, base: string, jwt: string): Promise<string | undefined> {
  const client = new ContractClient(spec, base, { timeoutMs: 10_000 });
  const headers = { 'x-jwt-token': jwt };
  // getCurrentUser where the spec has it; otherwise a lookup of an unknown code, which changes nothing.
  const r = spec.byOperationId.has('getCurrentUser')
    ? await client.call('getCurrentUser', { headers })
    : await client.call('getUserByThirdPartyActivationCode', { body: { activationCode: 'contract-credential-check' }, headers });
  if (r.status === 401 || r.status === 403) return refused('edge-impulse', r, 'CONTRACT_EDGE_IMPULSE_JWT (a JWT of a test account; it may have expired)');
  return undefined;
}

/** EMnify: authenticate with the account and get an auth_token. */
export async function checkEmnifyAccount(spec: CompiledSpec, base: string, username: string, password: string): Promise<string | undefined> {
  const client = new ContractClient(spec, base, { timeoutMs: 10_000 });
  const r = await client.call('authenticate', { body: { username, password: sha1Hex(password) } });
  if (r.status >= 400 && r.status < 500) return refused('emnify', r, 'CONTRACT_EMNIFY_USERNAME/PASSWORD');
  if (r.status !== 200) return `credentials for emnify could not be proven: authenticate answered ${r.status}`;
  if (typeof jsonField(r, 'auth_token') !== 'string') return `credentials for emnify were not proven: authenticate answered 200 without an auth_token`;
  return undefined;
}

/**
 * Checks every vendor's credentials that are set. `bases` are the vendors'
 * API bases; a vendor that cannot be reached is left to the reachability check.
 */
export async function checkCredentials(env: KitEnvironment, specs: Map<string, CompiledSpec>, bases: Partial<Record<Vendor, string>>): Promise<CredentialVerdict[]> {
  const checks: [Vendor, () => Promise<string | undefined>][] = [];
  const { edgeImpulseJwt: jwt, emnifyUsername: user, emnifyPassword: password } = env.credentials;
  const ei = bases['edge-impulse'];
  const em = bases.emnify;
  if (jwt && ei && specs.has('edge-impulse')) checks.push(['edge-impulse', () => checkEdgeImpulseJwt(specs.get('edge-impulse')!, ei, jwt)]);
  if (user && password && em && specs.has('emnify')) checks.push(['emnify', () => checkEmnifyAccount(specs.get('emnify')!, em, user, password)]);
  return Promise.all(
    checks.map(async ([vendor, check]) => {
      try {
        return { vendor, refusal: await check() };
      } catch (err) {
        if (err instanceof UnreachableError) return { vendor };
        throw err;
      }
    }),
  );
}
