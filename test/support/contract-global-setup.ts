import kitGlobalSetup from '../../contracts/jest/global-setup';
import { contractTargetConfigured, startContractTarget, type ContractTarget } from '../../mock-server/contract-target';

declare global {
  // The in-process mock, shared with the global teardown.
  var __authmockContractTarget: ContractTarget | undefined;
}

/**
 * `npm test` and `npm run contract`: without a CONTRACT_* target the contract
 * suites check the mock, started here on an ephemeral port; then the kit's own
 * set-up runs against whatever the target is.
 */
export default async function contractGlobalSetup(): Promise<void> {
  if (!contractTargetConfigured()) {
    const target = await startContractTarget();
    globalThis.__authmockContractTarget = target;
    for (const [key, value] of Object.entries(target.env)) process.env[key] ??= value;
  }
  await kitGlobalSetup();
}
