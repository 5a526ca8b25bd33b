#!/usr/bin/env node
import { CONTRACT_USAGE } from '../contracts/cli';
import { contractCommand } from './contract-command';
import { serve } from './main';

const [command, ...rest] = process.argv.slice(2);

async function run(): Promise<void> {
  if (command === undefined || command.startsWith('-')) return serve(process.argv.slice(2));
  if (command === 'serve') return serve(rest);
  if (command === 'contract') {
    process.exitCode = await contractCommand(rest);
    return;
  }
  if (command === 'help') {
    console.log(`Commands:\n  authmock [serve] [--port N] [--host ADDRESS]   start the mock\n\n${CONTRACT_USAGE}`);
    return;
  }
  throw new Error(`Unknown command '${command}'. Commands: serve, contract, help`);
}

run().catch((err: Error) => {
  console.error(`authmock: ${err.message}`);
  process.exit(1);
});
