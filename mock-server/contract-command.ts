import { parseContractArgs, runContract, UsageError } from '../contracts/cli';
import { hasTarget } from '../contracts/kit/environment';
import { startContractTarget } from './contract-target';

/**
 * `authmock contract`: with a target (`--target` or CONTRACT_* URLs) the kit
 * checks that; without one, the mock is started here, in this process, and
 * the kit is handed its URL. Help, `--list` and a command line the kit
 * refuses never start it.
 */
export async function contractCommand(argv: string[]): Promise<number> {
  try {
    const args = await parseContractArgs(argv);
    if (args.help || args.list || hasTarget(args.env)) return runContract(argv);
  } catch (err) {
    if (err instanceof UsageError) return runContract(argv);
    throw err;
  }
  const target = await startContractTarget();
  try {
    for (const [key, value] of Object.entries(target.env)) process.env[key] ??= value;
    return await runContract(argv);
  } finally {
    await target.close();
  }
}
