import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadSpecs, redactText, SPECS_DIR, vendorFacts } from './core';
import { hasTarget, readEnvironment } from './kit/environment';

export const CONTRACT_USAGE = `Usage: authmock contract [--target URL] [--vendor ID]
                         [--junit FILE] [--report FILE] [--tiers public,credentialed,flow,robustness]
                         [--admin URL] [--admin-token TOKEN] [--allow-writes]

Runs the contract suites against a server root that serves the vendors under
their spec base paths (e.g. the mock, a tenant of it such as
http://127.0.0.1:4010/__tenants/ci, or a staging gateway). --vendor takes the
id of any vendor spec in specs/ (its file name). Per-vendor URLs come from
CONTRACT_<VENDOR>_URL, e.g. CONTRACT_SOME_VENDOR_URL for some-vendor.
Without any target, the mock is started in-process. Exits 0 when nothing is
violated, 1 otherwise (including when a target cannot be reached or refuses
the credentials).`;

/**
 * Runs the contract suites with jest against the target it is given and
 * resolves to the exit code. It never starts a server: whoever wants the
 * in-process mock checked starts it and passes its URL. Its errors are
 * redacted (a target URL may carry a password).
 */
export async function runContract(argv: string[]): Promise<number> {
  try {
    return await run(argv);
  } catch (err) {
    throw new Error(redactText((err as Error).message));
  }
}

async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      target: { type: 'string' },
      vendor: { type: 'string' },
      junit: { type: 'string' },
      report: { type: 'string' },
      tiers: { type: 'string' },
      admin: { type: 'string' },
      'admin-token': { type: 'string' },
      'allow-writes': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(CONTRACT_USAGE);
    return 0;
  }
  if (values.vendor) {
    const known = vendorFacts(await loadSpecs(undefined, { validate: false })).map((v) => v.id);
    if (!known.includes(values.vendor)) throw new Error(`Unknown vendor '${values.vendor}'; use one of ${known.join(', ')}`);
  }
  for (const [flag, url] of [['--target', values.target], ['--admin', values.admin]] as const) {
    if (url === undefined) continue;
    try {
      new URL(url);
    } catch {
      throw new Error(`${flag} '${url}' is not a URL`);
    }
  }
  if (values.target) process.env.CONTRACT_BASE_URL = values.target;
  if (!hasTarget(readEnvironment())) throw new Error('No target: give --target URL, or set CONTRACT_BASE_URL or CONTRACT_<VENDOR>_URL');
  if (values.junit) process.env.CONTRACT_JUNIT = path.resolve(values.junit);
  if (values.report) process.env.CONTRACT_REPORT = path.resolve(values.report);
  if (values.tiers) process.env.CONTRACT_TIERS = values.tiers;
  if (values.admin) process.env.CONTRACT_ADMIN_URL = values.admin;
  if (values['admin-token']) process.env.CONTRACT_ADMIN_TOKEN = values['admin-token'];
  if (values['allow-writes']) process.env.CONTRACT_ALLOW_WRITES = '1';
  readEnvironment(); // refuses unknown tiers before jest starts

  const root = path.dirname(SPECS_DIR);
  // jest is loaded only here, so that serving the mock never needs it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { runCLI } = require('jest') as typeof import('jest');
  const { results } = await runCLI(
    {
      _: [],
      $0: 'authmock contract',
      config: path.join(root, 'jest.contract.config.js'),
      rootDir: root,
      // The kit's own set-up: it checks the target it was given and starts nothing.
      globalSetup: path.join(root, 'contracts', 'jest', 'global-setup.ts'),
      globalTeardown: path.join(root, 'contracts', 'jest', 'global-teardown.ts'),
      testPathPattern: values.vendor ? [`${values.vendor}\\.contract\\.ts$`] : undefined,
    } as Parameters<typeof runCLI>[0],
    [root],
  );
  return results.success ? 0 : 1;
}
