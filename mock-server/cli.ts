#!/usr/bin/env node
import { serve } from './main';

const [command, ...rest] = process.argv.slice(2);

async function run(): Promise<void> {
  if (command === undefined || command.startsWith('-')) return serve(process.argv.slice(2));
  if (command === 'serve') return serve(rest);
  throw new Error(`Unknown command '${command}'. Commands: serve`);
}

run().catch((err: Error) => {
  console.error(`authmock: ${err.message}`);
  process.exit(1);
});
