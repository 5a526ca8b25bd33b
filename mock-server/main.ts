import fs from 'node:fs';
import { parseArgs } from 'node:util';
import type { MockConfig } from './config';
import { FIXTURE_ACCOUNTS } from '../fixtures';
import { startMock } from './server';

export const DEFAULT_PORT = 4010;
export const DEFAULT_HOST = '127.0.0.1';

const USAGE = `Usage: authmock [serve] [--port N] [--host ADDRESS] [--config FILE] [--state FILE [--fresh-state]]

Starts the mock on ${DEFAULT_HOST}:${DEFAULT_PORT}. PORT, HOST and AUTHMOCK_CONFIG in
the environment override the defaults; the flags override the environment.
FILE is JSON with any of the settings in the README (e.g. {"apis":{"emnify":{"lockout":{"maxFailures":5,"lockMs":60000}}}}).
--state FILE (or AUTHMOCK_STATE, or the setting stateFile) keeps users, codes, mail,
clock and limits in FILE across restarts; --fresh-state starts from the fixtures and
replaces it.`;

function readConfig(file: string | undefined): Partial<MockConfig> | undefined {
  if (!file) return undefined;
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`Cannot read the config file ${file}: ${(err as Error).message}`);
  }
  try {
    const value = JSON.parse(text) as unknown;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('it must hold a JSON object');
    return value as Partial<MockConfig>;
  } catch (err) {
    throw new Error(`The config file ${file} is not valid: ${(err as Error).message}`);
  }
}

/** Reads flags and environment, listens, prints where everything is, and closes on SIGINT/SIGTERM. */
export async function serve(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', short: 'p' },
      host: { type: 'string' },
      config: { type: 'string', short: 'c' },
      state: { type: 'string' },
      'fresh-state': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: false,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  // An empty variable counts as unset, as shells and CI systems often leave them.
  const portText = values.port ?? (env.PORT || String(DEFAULT_PORT));
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid port '${portText}': give a number from 0 to 65535`);
  const host = values.host ?? (env.HOST || DEFAULT_HOST);

  const config = readConfig(values.config ?? (env.AUTHMOCK_CONFIG || undefined));
  const stateFile = values.state ?? (env.AUTHMOCK_STATE || config?.stateFile || undefined);
  if (values['fresh-state'] && !stateFile) throw new Error('--fresh-state needs a state file: give --state FILE');
  const mock = await startMock({ port, host, config, stateFile, freshState: values['fresh-state'] });
  const lines = [
    `authmock listening on ${mock.url}`,
    `  Edge Impulse  ${mock.url}/v1`,
    `  EMnify        ${mock.url}/api/v1`,
    `  Akana         ${mock.url}/api/users`,
    `  admin API     ${mock.url}/__admin`,
    `  mailbox       ${mock.url}/__admin/mailbox`,
    ...(stateFile ? [`  state file    ${stateFile}${values['fresh-state'] ? ' (fresh from the fixtures)' : ''}`] : []),
    '',
    'Seeded accounts:',
    ...FIXTURE_ACCOUNTS.map((a) => `  ${a.vendor.padEnd(13)} ${a.role.padEnd(30)} ${(a.username ?? a.email).padEnd(44)} ${a.password ?? (a.thirdPartyActivationCode ? `(third-party code ${a.thirdPartyActivationCode})` : `(no password yet; code ${a.activationCode})`)}`),
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
