#!/usr/bin/env node
import { CONTRACT_USAGE } from '../contracts/cli';
import { contractCommand } from './contract-command';
import { SERVE_USAGE, serve } from './main';
import { VENDOR_NAMES } from './generated/vendors';
import { packageVersion } from './version';

const [command, ...rest] = process.argv.slice(2);

/** The vendors as a list in prose: `A, B and C`. */
const vendorList = (names: readonly string[]): string => (names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : (names[0] ?? 'no'));

const HELP = `authmock ${packageVersion()}: a stateful mock of the ${vendorList(VENDOR_NAMES)}
account APIs, and a contract-test kit for the real ones.

Commands:
  authmock [serve] [options]     start the mock (the default command)
  authmock contract [options]    run the contract suites against a server
  authmock help                  print this help
  authmock --version             print the version

${SERVE_USAGE}

${CONTRACT_USAGE}`;

async function run(): Promise<void> {
  if (command === '--version' || command === '-v') return console.log(packageVersion());
  if (command === 'help' || command === '--help' || command === '-h') return console.log(HELP);
  if (command === undefined || command.startsWith('-')) return serve(process.argv.slice(2));
  if (command === 'serve') return serve(rest);
  if (command === 'contract') {
    process.exitCode = await contractCommand(rest);
    return;
  }
  throw new Error(`Unknown command '${command}'. Commands: serve, contract, help (authmock --help lists every option)`);
}

run().catch((err: Error) => {
  console.error(`authmock: ${err.message}`);
  process.exit(1);
});
