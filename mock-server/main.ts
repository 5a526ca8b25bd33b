import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { discoverApis } from './apis';
import { resolveConfig, type MockConfig } from './config';
import { loadCompiledSpecs } from '../contracts/core/spec-loader';
import { REDACTED } from '../contracts/core/redact';
import { FIXTURE_ACCOUNTS } from '../fixtures';
import { parseLatency } from './http/faults';
import { createConsoleLogger, isLogLevel, LOG_LEVELS, type LogLevel } from './http/logger';
import { isLoopback } from './http/origins';
import { vendorFacts } from './vendors';
import { CLOSE_GRACE_MS, startMock } from './server';
import { packageVersion } from './version';

export const DEFAULT_PORT = 4010;
export const DEFAULT_HOST = '127.0.0.1';

export const SERVE_USAGE = `Usage: authmock [serve] [options]

Starts the mock on http://localhost:${DEFAULT_PORT} (${DEFAULT_HOST}, and [::1] when the machine has IPv6).

Options:
  -p, --port N             port to listen on (env PORT; 0 picks a free one)
      --host ADDRESS       listen on this address alone (env HOST); anything but loopback
                           exposes the admin API to the network: use --admin-token
  -c, --config FILE        JSON settings file (env AUTHMOCK_CONFIG), e.g.
                           {"corsOrigins":["http://dev.example.test:8080"],"jwtSecret":"fixed"};
                           an unknown key or a wrong type stops the start
      --print-config       print the effective configuration as JSON and exit
      --state FILE         keep users, codes, mail, clock and limits in FILE across
                           restarts (env AUTHMOCK_STATE, setting stateFile)
      --fresh-state        start from the fixtures and replace the state file
      --latency MS         delay every vendor request: 200, or 50-300 for a uniform
                           random one (setting latencyMs)
      --admin-token TOKEN  require Authorization: Bearer TOKEN on /__admin
                           (env AUTHMOCK_ADMIN_TOKEN, setting adminToken)
      --log-level LEVEL    ${LOG_LEVELS.join('|')} (default info; debug logs every request,
                           never a body)
  -q, --quiet              no banner, only warnings and errors
  -v, --version            print the version
  -h, --help               print this help

The environment overrides the defaults; the flags override the environment.
SIGINT or SIGTERM lets requests in flight finish (at most ${CLOSE_GRACE_MS / 1000} s) and exits 0
(1 when the last save of the state file failed).`;

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

/** What to say when the admin API is reachable from the network with no token. */
export function exposureWarning(host: string, adminToken: string | null | undefined): string | undefined {
  if (isLoopback(host) || adminToken) return undefined;
  return `warning: authmock listens on ${host} without --admin-token: anyone on the network can reset the mock, create users and read its mail`;
}

/** The one line a busy port stops the start with. */
export function portInUse(port: number, err: NodeJS.ErrnoException & { address?: string }): string {
  const where = err.address ? ` on ${err.address.includes(':') ? `[${err.address}]` : err.address}` : '';
  return `Port ${port} is already in use${where}: stop what listens there, or give another with --port (--port 0 picks a free one)`;
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
      'admin-token': { type: 'string' },
      'log-level': { type: 'string' },
      quiet: { type: 'boolean', short: 'q' },
      version: { type: 'boolean', short: 'v' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: false,
  });
  if (values.help) {
    console.log(SERVE_USAGE);
    return;
  }
  if (values.version) {
    console.log(packageVersion());
    return;
  }
  const levelText = values['log-level'] ?? (values.quiet ? 'warn' : 'info');
  if (!isLogLevel(levelText)) throw new Error(`Invalid log level '${levelText}': give one of ${LOG_LEVELS.join(', ')}`);
  const level: LogLevel = levelText;
  const logger = createConsoleLogger(level);
  const config = readConfig(values.config ?? (env.AUTHMOCK_CONFIG || undefined));
  if (values.latency !== undefined) config.latencyMs = parseLatency(values.latency);
  const adminToken = values['admin-token'] ?? (env.AUTHMOCK_ADMIN_TOKEN || undefined);
  if (adminToken) config.adminToken = adminToken;
  if (values['print-config']) {
    // Secrets are shown as set or not, never as they are: this output ends up in terminals and CI logs.
    const shown = { ...config, ...(config.jwtSecret ? { jwtSecret: REDACTED } : {}), ...(config.adminToken ? { adminToken: REDACTED } : {}) };
    console.log(JSON.stringify(shown, null, 2));
    return;
  }
  // An empty variable counts as unset, as shells and CI systems often leave them.
  const portText = values.port ?? (env.PORT || String(DEFAULT_PORT));
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid port '${portText}': give a number from 0 to 65535`);
  // Absent, startMock listens on both loopback addresses; given, on that one alone.
  const givenHost = values.host ?? (env.HOST || undefined);
  const host = givenHost ?? DEFAULT_HOST;

  const stateFile = values.state ?? (env.AUTHMOCK_STATE || config.stateFile || undefined);
  if (values['fresh-state'] && !stateFile) throw new Error('--fresh-state needs a state file: give --state FILE');
  const specs = await loadCompiledSpecs(undefined, { validate: false });
  const mock = await startMock({ port, host: givenHost, config, specs, logger, stateFile, freshState: values['fresh-state'] }).catch((err: NodeJS.ErrnoException) => {
    // One line that says what to do, instead of a stack from deep inside net.
    if (err.code === 'EADDRINUSE') throw new Error(portInUse(port, err));
    throw err;
  });
  const loopback = isLoopback(host);
  // A browser keeps a vendor's cookie per host name: one name in the banner avoids a 127.0.0.1/localhost mix-up.
  const base = loopback ? `http://localhost:${new URL(mock.url).port}` : mock.url;
  const addresses = mock.servers.map((s) => {
    const { address } = s.address() as AddressInfo;
    return address.includes(':') ? `[${address}]` : address;
  });
  if (!values.quiet && LOG_LEVELS.indexOf(level) >= LOG_LEVELS.indexOf('info')) {
    const lines = [
      `authmock listening on ${base}${loopback ? ` (${addresses.join(' and ')})` : ''}`,
      ...vendorFacts(specs).map((v) => `  ${v.name.padEnd(13)} ${base}${v.apiPath}`),
      `  admin API     ${base}/__admin${config.adminToken ? ' (Authorization: Bearer <admin token>)' : ''}`,
      `  mailbox       ${base}/__admin/mailbox`,
      `  console       ${base}/__admin/ui`,
      ...(stateFile ? [`  state file    ${stateFile}${values['fresh-state'] ? ' (fresh from the fixtures)' : ''}`] : []),
      '',
      'Seeded accounts:',
      ...FIXTURE_ACCOUNTS.map((a) => `  ${a.vendor.padEnd(13)} ${a.role.padEnd(30)} ${(a.username ?? a.email).padEnd(44)} ${a.password ?? (a.thirdPartyActivationCode ? `(third-party code ${a.thirdPartyActivationCode})` : `(no password yet; code ${a.activationCode})`)}`),
    ];
    console.log(lines.join('\n'));
  }
  const warning = exposureWarning(host, config.adminToken);
  if (warning) logger.warn(warning);

  let closing = false;
  const shutdown = (signal: string): void => {
    if (closing) return;
    closing = true;
    logger.info?.(`${signal}: closing authmock`);
    // Whatever happens, the process is gone shortly after the grace period.
    setTimeout(() => process.exit(0), CLOSE_GRACE_MS + 1000).unref();
    void mock.close().then(() => {
      // Exit 0 would tell a supervisor that every change is kept: say which file and why not.
      if (mock.saveFailure === undefined) process.exit(0);
      console.error(`authmock: the state file ${stateFile} was not saved at shutdown: ${mock.saveFailure}`);
      process.exit(1);
    });
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
