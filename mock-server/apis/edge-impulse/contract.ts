import type { SeededAccount } from '../../http/types';
import { ID } from './settings';

/** A JWT of the seeded active account, as the contract kit's credentialed tier needs (CONTRACT_EDGE_IMPULSE_JWT). */
export async function contractCredentials(base: string, fixtures: readonly SeededAccount[]): Promise<Record<string, string>> {
  const account = fixtures.find((a) => a.vendor === ID && a.role === 'active' && a.username && a.password);
  if (!account) throw new Error(`fixtures/${ID}.json has no active account to run the credentialed tier with`);
  const login = await fetch(`${base}/api-login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: account.username, password: account.password }) });
  const token = ((await login.json()) as { token?: unknown }).token;
  if (typeof token !== 'string') throw new Error(`The mock refused its own fixture ${account.username} (${login.status})`);
  return { JWT: token };
}
