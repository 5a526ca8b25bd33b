import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadCompiledSpecs, redactText, vendorFacts } from './core';
import { hasTarget, readEnvironment, TIERS, vendorBase, type KitEnvironment } from './kit/environment';
import { writeJsonFile } from './kit/report';
import { RETRY_DEFAULTS } from './kit/retry';
import { DEFAULT_TIMEOUT_MS } from './kit/client';
import { collectTiers } from './runner/define';
import { inertContext } from './runner/context';
import { annotations, stepSummary } from './runner/outputs/github';
import { junitXml } from './runner/outputs/junit';
import { listLines, resultLine, summaryLines, verdictLine } from './runner/outputs/console';
import { planSuite } from './runner/plan';
import { runContracts } from './runner/run';
import { loadSuite } from './runner/suites';

export const CONTRACT_USAGE = `Usage: authmock contract [--target URL] [--vendor ID]… [--tiers ${TIERS.join(',')}]
                         [--junit FILE] [--report FILE] [--timeout SECONDS] [--retries N]
                         [--admin URL] [--admin-token TOKEN] [--allow-writes] [--list]

Runs the contract suites against a server root that serves the vendors under
their spec base paths (the mock, a tenant of it such as
http://127.0.0.1:4010/__tenants/ci, or a staging gateway). --vendor takes the
id of any vendor spec (its file name), once or more. Per-vendor URLs come
from CONTRACT_<VENDOR>_URL, credentials from CONTRACT_<VENDOR>_<NAME>.
Without any target, the mock is started in-process. --timeout SECONDS
(default ${DEFAULT_TIMEOUT_MS / 1000}) bounds each request; a gateway's 429/503 with Retry-After is
asked again up to --retries times (default ${RETRY_DEFAULTS.retries}). --list prints what would run
and what would change data, calling nothing.
HTTPS_PROXY, HTTP_PROXY and NO_PROXY are honoured; NODE_EXTRA_CA_CERTS adds a CA.
Exit codes: 0 nothing violated; 1 violations, an unreachable target or
refused credentials; 2 a usage or configuration error.`;

/** A mistake in how the kit was called: exit code 2, one line, no stack. */
export class UsageError extends Error {}

export interface ContractArgs {
  env: KitEnvironment;
  vendors?: string[];
  junit: string;
  report: string;
  timeoutMs: number;
  retries: number;
  list: boolean;
  help: boolean;
}

function positive(flag: string, text: string | undefined, fallback: number, integer: boolean): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0 || (integer && !Number.isInteger(n)) || (!integer && n === 0)) throw new UsageError(`${flag} '${text}' is not a ${integer ? 'whole number' : 'positive number of seconds'}`);
  return n;
}

/**
 * Reads the command line into settings, without touching the network.
 * Flags win over the CONTRACT_* variables; the variables are documented in
 * the README's "Contract tests" section.
 */
export async function parseContractArgs(argv: string[], vars: NodeJS.ProcessEnv = process.env): Promise<ContractArgs> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        target: { type: 'string' },
        vendor: { type: 'string', multiple: true },
        junit: { type: 'string' },
        report: { type: 'string' },
        tiers: { type: 'string' },
        timeout: { type: 'string' },
        retries: { type: 'string' },
        admin: { type: 'string' },
        'admin-token': { type: 'string' },
        'allow-writes': { type: 'boolean' },
        list: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  for (const [flag, url] of [['--target', values.target], ['--admin', values.admin]] as const) {
    if (url === undefined) continue;
    try {
      new URL(url);
    } catch {
      throw new UsageError(`${flag} '${url}' is not a URL`);
    }
  }
  const overrides: NodeJS.ProcessEnv = { ...vars };
  if (values.target) overrides.CONTRACT_BASE_URL = values.target;
  if (values.tiers) overrides.CONTRACT_TIERS = values.tiers;
  if (values.admin) overrides.CONTRACT_ADMIN_URL = values.admin;
  if (values['admin-token']) overrides.CONTRACT_ADMIN_TOKEN = values['admin-token'];
  if (values['allow-writes']) overrides.CONTRACT_ALLOW_WRITES = '1';
  if (values.report) overrides.CONTRACT_REPORT = path.resolve(values.report);
  let env: KitEnvironment;
  try {
    env = readEnvironment(overrides);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const vendors = values.vendor?.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  if (vendors?.length) {
    const known = vendorFacts(await loadCompiledSpecs(undefined, { validate: false })).map((v) => v.id);
    const unknown = vendors.filter((v) => !known.includes(v));
    if (unknown.length) throw new UsageError(`Unknown vendor '${unknown.join("', '")}'; use one of ${known.join(', ')}`);
  }
  return {
    env,
    vendors: vendors?.length ? vendors : undefined,
    junit: path.resolve(values.junit ?? vars.CONTRACT_JUNIT ?? 'reports/contract-junit.xml'),
    report: path.resolve(env.reportFile),
    timeoutMs: positive('--timeout', values.timeout, DEFAULT_TIMEOUT_MS / 1000, false) * 1000,
    retries: positive('--retries', values.retries, RETRY_DEFAULTS.retries, true),
    list: values.list === true,
    help: values.help === true,
  };
}

async function list(args: ContractArgs): Promise<void> {
  const specs = await loadCompiledSpecs(undefined, { validate: false });
  const plans = vendorFacts(specs)
    .filter((v) => !args.vendors || args.vendors.includes(v.id))
    .flatMap((v) => {
      const suite = loadSuite(v.id);
      if (!suite) return [];
      const plan = planSuite(v.id, collectTiers(suite, inertContext(v.id)), args.env, {});
      return [{ plan, target: vendorBase(args.env, v.id, specs.get(v.id)!.basePath), ops: specs.get(v.id)!.operations.length }];
    });
  console.log(listLines(plans, args.env).join('\n'));
}

/** Writes a file the run produces, its folder first; the JSON report goes through the kit's redaction. */
function writeText(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

/**
 * `authmock contract`: runs the suites against the target it is given and
 * resolves to the exit code. It never starts a server: whoever wants the
 * in-process mock checked starts it and passes its URL.
 */
export async function runContract(argv: string[]): Promise<number> {
  let args: ContractArgs;
  try {
    args = await parseContractArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`authmock contract: ${redactText(err.message)}\n(authmock contract --help lists the options)`);
    return 2;
  }
  if (args.help) {
    console.log(CONTRACT_USAGE);
    return 0;
  }
  if (args.list) {
    await list(args);
    return 0;
  }
  if (!hasTarget(args.env)) {
    console.error('authmock contract: no target: give --target URL, or set CONTRACT_BASE_URL or CONTRACT_<VENDOR>_URL');
    return 2;
  }
  let result;
  try {
    result = await runContracts({ env: args.env, vendors: args.vendors, timeoutMs: args.timeoutMs, retries: args.retries, onResult: (r) => console.log(resultLine(r)) });
  } catch (err) {
    // A target URL may carry a password, and errors quote URLs.
    throw new Error(redactText((err as Error).message));
  }
  const verdict = verdictLine(result.totals);
  writeText(args.junit, junitXml(result));
  writeJsonFile(args.report, { verdict: result.totals, tests: result.tests, retries: result.retries, pacedMs: result.pacedMs, ...result.report });
  if (process.env.GITHUB_ACTIONS === 'true') for (const line of annotations(result)) console.log(line);
  if (process.env.GITHUB_STEP_SUMMARY) fs.appendFileSync(process.env.GITHUB_STEP_SUMMARY, stepSummary(result, verdict));
  console.log(summaryLines(result).join('\n'));
  console.log(`Reports: ${redactText(args.junit)} (JUnit), ${redactText(args.report)} (JSON)`);
  const nothingChecked = result.totals.passed === 0 && result.totals.violated === 0;
  // A run where every test was skipped proves nothing: that is a setting to fix, not a green run.
  if (nothingChecked) console.log('Nothing was checked: every test was skipped (the reasons are above).');
  console.log(verdict);
  return result.totals.violated > 0 ? 1 : nothingChecked ? 2 : 0;
}
