import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { discoverApis } from './apis';
import { resolveConfig, type MockConfig } from './config';
import { loadCompiledSpecs } from '../contracts/core';
import { FIXTURE_ACCOUNTS } from '../fixtures';
import { parseLatency } from './http/faults';
import { vendorFacts } from './vendors';
import { startMock } from './server';

export const DEFAULT_PORT = 4010;
export const DEFAULT_HOST = '127.0.0.1';

const USAGE = `Usage: authmock [serve] [--port N] [--host ADDRESS] [--config FILE] [--print-config] [--state FILE [--fresh-state]]

Starts the mock on ${DEFAULT_HOST}:${DEFAULT_PORT}. PORT, HOST and AUTHMOCK_CONFIG in
the environment override the defaults; the flags override the environment.
FILE is JSON with any of the settings in the README (e.g. {"apis":{"emnify":{"lockout":{"maxFailures":5}}}});
an unknown key or a wrong type stops the start. --print-config prints the effective
configuration (the defaults with FILE merged over them) as JSON and exits.
--state FILE (or AUTHMOCK_STATE, or the setting stateFile) keeps users, codes, mail,
clock and limits in FILE across restarts; --fresh-state starts from the fixtures and
replaces it.
--latency adds a delay to every vendor request: 200, or 50-300 for a uniform random one (setting latencyMs).`;

/** The defaults with the file merged over them, checked against the config schema. */
function readConfig(file: string | undefined): MockConfig {
  const apis = discoverApis();
  if (!file) return resolveConfig({}, apis);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`Cannot read the config file ${file}: ${(err as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (err) {
    throw new Error(`The config file ${file} is not valid JSON: ${(err as Error).message}`);
  }
  return resolveConfig(value as MockConfig, apis, `The config file ${file}`);
}

/** Reads flags and environment, listens, prints where everything is, and closes on SIGINT/SIGTERM. */
export async function serve(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', short: 'p' },
      host: { type: 'string' },
      config: { type: 'string', short: 'c' },
      'print-config': { type: 'boolean' },
      state: { type: 'string' },
      'fresh-state': { type: 'boolean' },
      latency: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: false,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const config = readConfig(values.config ?? (env.AUTHMOCK_CONFIG || undefined));
  if (values.latency !== undefined) config.latencyMs = parseLatency(values.latency);
  if (values['print-config']) {
    console.log(JSON.stringify(config, null, 2));
    return;
  }
  // An empty variable counts as unset, as shells and CI systems often leave them.
  const portText = values.port ?? (env.PORT || String(DEFAULT_PORT));
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid port '${portText}': give a number from 0 to 65535`);
  const host = values.host ?? (env.HOST || DEFAULT_HOST);

  const stateFile = values.state ?? (env.AUTHMOCK_STATE || config.stateFile || undefined);
  if (values['fresh-state'] && !stateFile) throw new Error('--fresh-state needs a state file: give --state FILE');
  const specs = await loadCompiledSpecs(undefined, { validate: false });
  const mock = await startMock({ port, host, config, specs, stateFile, freshState: values['fresh-state'] });
  const lines = [
    `authmock listening on ${mock.url}`,
    ...vendorFacts(specs).map((v) => `  ${v.name.padEnd(13)} ${mock.url}${v.apiPath}`),
    `  admin API     ${mock.url}/__admin`,
    `  mailbox       ${mock.url}/__admin/mailbox`,
    `  console       ${mock.url}/__admin/ui`,
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
