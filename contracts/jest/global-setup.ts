import fs from 'node:fs';
import { loadCompiledSpecs, redactText } from '../core';
import { hasTarget, readEnvironment } from '../kit/environment';
import { factsToEnv, prepareRun } from '../kit/prepare';

/**
 * The kit's own set-up, once before any suite: it is handed its targets
 * (CONTRACT_BASE_URL or CONTRACT_<VENDOR>_URL) and never starts a server
 * itself. It finds out which targets answer, whether the credentials work,
 * whether the target has the mock's admin API and tenants; the suites read
 * what it found from the environment.
 */
export default async function globalSetup(): Promise<void> {
  const env = readEnvironment();
  if (!hasTarget(env)) {
    throw new Error('No contract target: set CONTRACT_BASE_URL (a server root serving every vendor) or CONTRACT_<VENDOR>_URL for a vendor (e.g. CONTRACT_SOME_VENDOR_URL for specs/some-vendor.openapi.yaml), or run `authmock contract` without a target to check the mock started in-process');
  }
  fs.rmSync(env.reportDir, { recursive: true, force: true });
  const facts = await prepareRun(env, await loadCompiledSpecs(undefined, { validate: false }));
  Object.assign(process.env, factsToEnv(facts));
  for (const line of Object.values(facts.refused)) console.error(`\n✗ ${redactText(line)}`);
}
