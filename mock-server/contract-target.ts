import { loadCompiledSpecs } from '../contracts/core/spec-loader';
import { hasTarget, readEnvironment, vendorVariable } from '../contracts/kit/environment';
import { FIXTURE_ACCOUNTS } from '../fixtures';
import { discoverApis } from './apis';
import { createConsoleLogger } from './http/logger';
import { startMock, type RunningMock } from './server';
import { vendorFacts } from './vendors';

/** The mock started for a contract run, and the CONTRACT_* settings that point the kit at it. */
export interface ContractTarget {
  mock: RunningMock;
  env: Record<string, string>;
  close(): Promise<void>;
}

/**
 * Starts the mock on an ephemeral port for the contract kit: the kit itself
 * only ever gets URLs. Each vendor module says which credentials its
 * credentialed tier runs with here (from the seeded accounts), and writes
 * harm nothing in our own mock.
 */
export async function startContractTarget(): Promise<ContractTarget> {
  const specs = await loadCompiledSpecs(undefined, { validate: false });
  // Only errors: the suites provoke warnings on purpose (a plain password where a digest is due, say), and the run's output is the kit's.
  const mock = await startMock({ port: 0, host: '127.0.0.1', specs, logger: createConsoleLogger('error') });
  try {
    const env: Record<string, string> = { CONTRACT_BASE_URL: mock.url, CONTRACT_ALLOW_WRITES: '1' };
    const modules = new Map(discoverApis().map((m) => [m.id, m]));
    for (const vendor of vendorFacts(specs)) {
      const module = modules.get(vendor.id);
      if (!module?.accounts || !module.contractCredentials) continue;
      const credentials = await module.contractCredentials(mock.url + vendor.basePath, FIXTURE_ACCOUNTS);
      for (const [name, value] of Object.entries(credentials)) env[vendorVariable(vendor.id, name)] = value;
    }
    return { mock, env, close: () => mock.close() };
  } catch (err) {
    await mock.close();
    throw err;
  }
}

/** Whether the environment already names a contract target: the server root or some vendor's own URL. */
export function contractTargetConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  return hasTarget(readEnvironment(env));
}
