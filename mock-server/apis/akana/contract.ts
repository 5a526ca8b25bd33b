import type { SeededAccount } from '../../http/types';
import { ID } from './settings';

/** The seeded active account, as the contract kit's credentialed tier needs (CONTRACT_AKANA_EMAIL / _PASSWORD). */
export async function contractCredentials(_base: string, fixtures: readonly SeededAccount[]): Promise<Record<string, string>> {
  const account = fixtures.find((a) => a.vendor === ID && a.role === 'active' && a.password);
  if (!account?.password) throw new Error(`fixtures/${ID}.json has no active account to run the credentialed tier with`);
  return { EMAIL: account.email, PASSWORD: account.password };
}
