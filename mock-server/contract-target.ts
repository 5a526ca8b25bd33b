import { FIXTURE_ACCOUNTS } from '../fixtures';
import { startMock, type RunningMock } from './server';

/** The mock started for a contract run, and the CONTRACT_* settings that point the kit at it. */
export interface ContractTarget {
  mock: RunningMock;
  env: Record<string, string>;
  close(): Promise<void>;
}

/**
 * Starts the mock on an ephemeral port for the contract kit: the kit itself
 * only ever gets URLs. Our own mock's fixtures are the credentials, and
 * writes harm nothing there.
 */
export async function startContractTarget(): Promise<ContractTarget> {
  const mock = await startMock({ port: 0, host: '127.0.0.1' });
  try {
    const ei = FIXTURE_ACCOUNTS.find((a) => a.vendor === 'edge-impulse' && a.role === 'active' && a.username && a.password);
    const em = FIXTURE_ACCOUNTS.find((a) => a.vendor === 'emnify' && a.role === 'active' && a.password);
    if (!ei || !em) throw new Error('The fixtures have no active Edge Impulse or EMnify account to run the credentialed tier with');
    const login = await fetch(`${mock.url}/v1/api-login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: ei.username, password: ei.password }) });
    const token = ((await login.json()) as { token?: string }).token;
    if (!token) throw new Error(`The in-process mock refused its own fixture ${ei.username} (${login.status})`);
    return {
      mock,
      env: {
        CONTRACT_BASE_URL: mock.url,
        CONTRACT_EDGE_IMPULSE_JWT: token,
        CONTRACT_EMNIFY_USERNAME: em.username ?? em.email,
        CONTRACT_EMNIFY_PASSWORD: em.password!,
        CONTRACT_ALLOW_WRITES: '1',
      },
      close: () => mock.close(),
    };
  } catch (err) {
    await mock.close();
    throw err;
  }
}

/** Whether the environment already names a contract target. */
export function contractTargetConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.CONTRACT_BASE_URL || env.CONTRACT_EDGE_IMPULSE_URL || env.CONTRACT_EMNIFY_URL || env.CONTRACT_AKANA_URL);
}
