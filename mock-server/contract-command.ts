import { runContract } from '../contracts/cli';
import { contractTargetConfigured, startContractTarget } from './contract-target';

/**
 * `authmock contract`: with a target (`--target` or CONTRACT_* URLs) the kit
 * checks that; without one, the mock is started here, in this process, and
 * the kit is handed its URL.
 */
export async function contractCommand(argv: string[]): Promise<number> {
  const wantsHelp = argv.includes('--help') || argv.includes('-h');
  if (wantsHelp || argv.some((a) => a === '--target' || a.startsWith('--target=')) || contractTargetConfigured()) return runContract(argv);
  const target = await startContractTarget();
  try {
    for (const [key, value] of Object.entries(target.env)) process.env[key] ??= value;
    return await runContract(argv);
  } finally {
    await target.close();
  }
}
