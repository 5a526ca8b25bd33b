import { parseArgs } from 'node:util';
import { FIXTURE_ACCOUNTS } from '../fixtures';
import { startMock } from './server';

export const DEFAULT_PORT = 4010;
export const DEFAULT_HOST = '127.0.0.1';

const USAGE = `Usage: authmock [serve] [--port N] [--host ADDRESS]

Starts the mock on ${DEFAULT_HOST}:${DEFAULT_PORT}. PORT and HOST in the environment
override the defaults; the flags override the environment.`;

/** Reads flags and environment, listens, prints where everything is, and closes on SIGINT/SIGTERM. */
export async function serve(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { port: { type: 'string', short: 'p' }, host: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: false,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const portText = values.port ?? env.PORT ?? String(DEFAULT_PORT);
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid port '${portText}': give a number from 0 to 65535`);
  const host = values.host ?? env.HOST ?? DEFAULT_HOST;

  const mock = await startMock({ port, host });
  const lines = [
    `authmock listening on ${mock.url}`,
    `  Edge Impulse  ${mock.url}/v1`,
    `  EMnify        ${mock.url}/api/v1`,
    `  Akana         ${mock.url}/api/users`,
    `  admin API     ${mock.url}/__admin`,
    `  mailbox       ${mock.url}/__admin/mailbox`,
    '',
    'Seeded accounts:',
    ...FIXTURE_ACCOUNTS.map((a) => `  ${a.vendor.padEnd(13)} ${a.role.padEnd(30)} ${(a.username ?? a.email).padEnd(44)} ${a.password ?? `(third-party code ${a.thirdPartyActivationCode})`}`),
  ];
  console.log(lines.join('\n'));

  let closing = false;
  const shutdown = (signal: string): void => {
    if (closing) return;
    closing = true;
    console.log(`\n${signal}: closing authmock`);
    void mock.close().then(() => process.exit(0));
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

if (require.main === module) {
  serve(process.argv.slice(2)).catch((err: Error) => {
    console.error(`authmock: ${err.message}`);
    process.exit(1);
  });
}
