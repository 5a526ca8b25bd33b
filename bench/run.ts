import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { loadSpecs } from '../contracts/core';
import { FIXTURE_ACCOUNTS } from '../fixtures';
import { measureFaultRules, type FaultRulesRow } from './fault-rules';
import { vendorFacts, type VendorFacts, type VendorId } from '../mock-server/vendors';
import { memoryKb, startProcess, waitUntilServing, type Proc } from './processes';
import { hardeningMarkdown, measureHardening, type HardeningRows } from './hardening-rows';
import { eventStreamMarkdown, measureEventStream, type EventStreamRow } from './event-stream-rows';
import { measureSaveLatency, saveLatencyMarkdown, type SaveLatencyRow } from './save-latency-rows';
import { measureStateFile, stateFileMarkdown, type StateFileRow } from './state-file-rows';
import { measureTenants, tenantMarkdown, type TenantRow } from './tenant-rows';
import { inProcessMarkdown, measureInProcess, type InProcessRow } from './in-process-rows';
import { profileRow } from './profile-row';
import { median, round } from './stats';

/**
 * `npm run bench`: our mock against Prism (default settings, and `-v silent`)
 * and a bare Express ceiling, driven by autocannon in turns (A B A B) on one
 * machine in one run; then our throughput as the store grows. Writes
 * bench/results.json and bench/results.md.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const PRISM = path.join(ROOT, 'node_modules', '.bin', 'prism');
const HOST = '127.0.0.1';

const { values: flags } = parseArgs({
  options: {
    smoke: { type: 'boolean' },
    duration: { type: 'string' },
    rounds: { type: 'string' },
    connections: { type: 'string' },
    out: { type: 'string' },
    'no-readme': { type: 'boolean' },
    only: { type: 'string' },
    profile: { type: 'string' },
  },
});
const SMOKE = flags.smoke === true;
const DURATION = Number(flags.duration ?? (SMOKE ? 1 : 3));
const ROUNDS = Number(flags.rounds ?? (SMOKE ? 1 : 5));
const CONNECTIONS = Number(flags.connections ?? 10);
const SCALE_SIZES = SMOKE ? [1_000, 10_000] : [1_000, 100_000, 1_000_000];
const OUT = path.resolve(ROOT, flags.out ?? (SMOKE ? 'reports/bench-smoke' : 'bench'));
// Every load is bounded in time and in requests.
const MAX_REQUESTS = 2_000_000;

const ei = FIXTURE_ACCOUNTS.find((a) => a.vendor === 'edge-impulse' && a.role === 'active')!;
const em = FIXTURE_ACCOUNTS.find((a) => a.vendor === 'emnify' && a.role === 'active')!;
const emMfa = FIXTURE_ACCOUNTS.find((a) => a.vendor === 'emnify' && a.role === 'active, MFA enabled')!;
const sha1 = (s: string): string => crypto.createHash('sha1').update(s).digest('hex');
const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/json' };

interface Endpoint {
  id: string;
  title: string;
  spec: VendorId;
  /** Path inside the spec; our mock adds the base path, Prism serves without it. */
  path: string;
  headers: Record<string, string>;
  body: string;
}

const ENDPOINTS: Endpoint[] = [
  { id: 'ei-reset-wrong-code', title: 'Edge Impulse resetPassword, wrong code', spec: 'edge-impulse', path: '/api-user-reset-password', headers: JSON_HEADERS, body: JSON.stringify({ email: ei.email, code: 'wrong-code', newPassword: 'new-password-1' }) },
  { id: 'ei-login', title: 'Edge Impulse login, good credentials', spec: 'edge-impulse', path: '/api-login', headers: JSON_HEADERS, body: JSON.stringify({ username: ei.username, password: ei.password }) },
  { id: 'emnify-authenticate', title: 'EMnify authenticate', spec: 'emnify', path: '/api/v1/authenticate', headers: JSON_HEADERS, body: JSON.stringify({ username: em.username, password: sha1(em.password!) }) },
  { id: 'akana-resend', title: 'Akana resendActivation', spec: 'akana', path: '/api/users/resendActivation', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: '*/*' }, body: `emailAddress=${encodeURIComponent('unknown@akana.example')}` },
  { id: 'invalid-body', title: 'Edge Impulse login, body fails validation', spec: 'edge-impulse', path: '/api-login', headers: JSON_HEADERS, body: JSON.stringify({ username: 42 }) },
  // The cost of multi-factor authentication: an mfa_token signed and a one-time password mailed per call.
  { id: 'emnify-authenticate-mfa', title: 'EMnify authenticate, MFA user (mfa_token + mail)', spec: 'emnify', path: '/api/v1/authenticate', headers: JSON_HEADERS, body: JSON.stringify({ username: emMfa.username, password: sha1(emMfa.password!) }) },
];

/** The vendors of the specs, read once at the start of main(). */
let vendors: VendorFacts[] = [];
const basePath = (id: VendorId): string => vendors.find((v) => v.id === id)?.basePath ?? '';
type ServerName = 'ours' | 'prism' | 'prism-silent' | 'ceiling';
const SERVERS: ServerName[] = ['ours', 'prism', 'prism-silent', 'ceiling'];

interface Running {
  url(e: Endpoint): string;
  procs: Map<string, Proc>;
  procFor(e: Endpoint): Proc;
}

// The bench lifts the limits that would turn repeated requests into 429s or lock-outs.
const OUR_CONFIG = {
  journalSize: 1000,
  // The scale rows hold a million users, past the default bound.
  maxUsers: 1_100_000,
  apis: { akana: { resendPerAddress: { limit: 1e9, windowMs: 1000 } }, emnify: { lockout: { maxFailures: 1e9, lockMs: 1 }, authenticateLimit: false } },
};

function configFile(): string {
  const file = path.join(os.tmpdir(), `authmock-bench-${process.pid}.json`);
  fs.writeFileSync(file, JSON.stringify(OUR_CONFIG));
  return file;
}

function startOurs(port: number, extraArgs: string[] = []): Proc {
  return startProcess(`authmock :${port}`, process.execPath, [path.join(ROOT, 'dist/mock-server/main.js'), '--port', String(port), '--host', HOST, '--config', configFile(), ...extraArgs], ROOT);
}

function startPrism(spec: string, port: number, silent: boolean): Proc {
  return startProcess(`prism${silent ? ' -v silent' : ''} ${spec} :${port}`, process.execPath, [PRISM, 'mock', '-h', HOST, '-p', String(port), ...(silent ? ['-v', 'silent'] : []), `specs/${spec}.openapi.yaml`], ROOT);
}

const post = (url: string, e: Endpoint) => () => fetch(url, { method: 'POST', headers: e.headers, body: e.body, signal: AbortSignal.timeout(2000) });

async function startAll(): Promise<Record<ServerName, Running>> {
  const ours = startOurs(4301);
  const port = (first: number, id: VendorId): number => first + vendors.find((v) => v.id === id)!.order;
  const prism = new Map(vendors.map((v) => [v.id, startPrism(v.id, port(4310, v.id), false)]));
  const silent = new Map(vendors.map((v) => [v.id, startPrism(v.id, port(4320, v.id), true)]));
  const ceiling = startProcess('ceiling :4331', process.execPath, [path.join(ROOT, 'dist/bench/ceiling-server.js'), '4331'], ROOT);
  const running: Record<ServerName, Running> = {
    ours: { url: (e) => `http://${HOST}:4301${basePath(e.spec)}${e.path}`, procs: new Map([['ours', ours]]), procFor: () => ours },
    prism: { url: (e) => `http://${HOST}:${port(4310, e.spec)}${e.path}`, procs: prism, procFor: (e) => prism.get(e.spec)! },
    'prism-silent': { url: (e) => `http://${HOST}:${port(4320, e.spec)}${e.path}`, procs: silent, procFor: (e) => silent.get(e.spec)! },
    ceiling: { url: (e) => `http://${HOST}:4331${basePath(e.spec)}${e.path}`, procs: new Map([['ceiling', ceiling]]), procFor: () => ceiling },
  };
  const now = process.hrtime.bigint();
  for (const name of SERVERS) for (const e of ENDPOINTS) await waitUntilServing(post(running[name].url(e), e), now);
  return running;
}

async function load(url: string, e: Endpoint, duration = DURATION): Promise<{ rps: number; p50: number; p99: number; statuses: Record<string, number>; errors: number }> {
  const result = await autocannon({ url, method: 'POST', headers: e.headers, body: e.body, connections: CONNECTIONS, duration, maxOverallRequests: MAX_REQUESTS, timeout: 10 } as autocannon.Options);
  const statuses = Object.fromEntries(Object.entries((result as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {}).map(([k, v]) => [k, v.count]));
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, statuses, errors: result.errors + result.timeouts };
}

async function measureStartup(name: 'ours' | 'prism', runs: number): Promise<number[]> {
  const times: number[] = [];
  const e = ENDPOINTS[1];
  for (let i = 0; i < runs; i++) {
    const since = process.hrtime.bigint();
    const proc = name === 'ours' ? startOurs(4401) : startPrism('edge-impulse', 4402, false);
    const url = name === 'ours' ? `http://${HOST}:4401${basePath(e.spec)}${e.path}` : `http://${HOST}:4402${e.path}`;
    try {
      times.push(await waitUntilServing(post(url, e), since));
    } finally {
      await proc.stop();
    }
  }
  return times;
}

interface EndpointResult {
  id: string;
  title: string;
  rounds: Record<ServerName, { rps: number; p50: number; p99: number; statuses: Record<string, number>; errors: number }[]>;
  median: Record<ServerName, { rps: number; p50: number; p99: number }>;
  peakRssMb: Record<ServerName, number | undefined>;
  ratio: { prism: number; prismSilent: number; ceiling: number };
}

async function main(): Promise<void> {
  vendors = vendorFacts(await loadSpecs(undefined, { validate: false }));
  const hardeningTools = { host: HOST, rounds: ROUNDS, smoke: SMOKE, duration: DURATION, connections: CONNECTIONS, startOurs };
  // `--only hardening`: just the mailbox and rate-limiter rows, printed, nothing written.
  if (flags.only === 'hardening') {
    console.log(hardeningMarkdown(await measureHardening(hardeningTools), mark).join('\n'));
    return;
  }
  // `--only in-process`: startMock(), reset and a new tenant's first request, printed.
  if (flags.only === 'in-process') {
    console.log(inProcessMarkdown(measureInProcess(ROOT, SMOKE), mark).join('\n'));
    return;
  }
  // `--only event-stream`: the rows with and without an event-stream client, printed, nothing written.
  if (flags.only === 'event-stream') {
    const rowTools = { host: HOST, rounds: ROUNDS, smoke: SMOKE, startOurs, loadRps: async (url: string, headers: Record<string, string>, body: string) => (await load(url, { ...ENDPOINTS[0], headers, body })).rps };
    console.log(eventStreamMarkdown(await measureEventStream(rowTools, [ENDPOINTS[1], ENDPOINTS[0]]), mark).join('\n'));
    return;
  }
  // `--profile ROW`: a CPU profile of our server under one row's load, written to bench/profiles/.
  if (flags.profile !== undefined) {
    const e = ENDPOINTS.find((x) => x.id === flags.profile);
    if (!e) throw new Error(`--profile takes a row id: ${ENDPOINTS.map((x) => x.id).join(', ')}`);
    const file = await profileRow({ id: e.id, root: ROOT, host: HOST, port: 4451, configFile: configFile(), url: (port) => `http://${HOST}:${port}${basePath(e.spec)}${e.path}`, load: (url) => load(url, e) });
    console.log(`CPU profile of ${e.title} written to ${path.relative(ROOT, file)} (open it in Chrome DevTools, Performance tab)`);
    return;
  }
  // `--only save-latency`: the state file's save latency at 1 and 10 MB, printed, nothing written.
  if (flags.only === 'save-latency') {
    console.log(saveLatencyMarkdown(await measureSaveLatency(SMOKE), mark).join('\n'));
    return;
  }
  console.log(`authmock bench: ${DURATION} s × ${ROUNDS} round(s) per server and endpoint, ${CONNECTIONS} connections${SMOKE ? ' (smoke run)' : ''}`);
  const startup = { ours: await measureStartup('ours', SMOKE ? 1 : 5), prism: await measureStartup('prism', SMOKE ? 1 : 5) };
  console.log(`start-up to first response: ours ${round(median(startup.ours))} ms, Prism ${round(median(startup.prism))} ms`);

  const running = await startAll();
  const results: EndpointResult[] = [];
  try {
    for (const e of ENDPOINTS) {
      const rounds = Object.fromEntries(SERVERS.map((s) => [s, [] as EndpointResult['rounds'][ServerName]])) as EndpointResult['rounds'];
      // A warm-up per server, so the JIT has compiled the hot path before anything is measured.
      for (const s of SERVERS) await load(running[s].url(e), e, SMOKE ? 0.5 : 2);
      for (let r = 0; r < ROUNDS; r++) {
        for (const s of SERVERS) rounds[s].push(await load(running[s].url(e), e));
      }
      const med = Object.fromEntries(SERVERS.map((s) => [s, { rps: median(rounds[s].map((x) => x.rps)), p50: median(rounds[s].map((x) => x.p50)), p99: median(rounds[s].map((x) => x.p99)) }])) as EndpointResult['median'];
      const ratioOf = (other: ServerName): number => round(median(rounds.ours.map((x, i) => x.rps / rounds[other][i].rps)));
      const peak = Object.fromEntries(SERVERS.map((s) => [s, ((kb) => (kb === undefined ? undefined : round(kb / 1024, 1)))(memoryKb(running[s].procFor(e).child.pid!, 'VmHWM'))])) as EndpointResult['peakRssMb'];
      const result: EndpointResult = { id: e.id, title: e.title, rounds, median: med, peakRssMb: peak, ratio: { prism: ratioOf('prism'), prismSilent: ratioOf('prism-silent'), ceiling: ratioOf('ceiling') } };
      results.push(result);
      console.log(`${e.title}: ours ${round(med.ours.rps, 0)} req/s (p99 ${med.ours.p99} ms, statuses ${JSON.stringify(rounds.ours[0].statuses)}), Prism ${round(med.prism.rps, 0)}, Prism silent ${round(med['prism-silent'].rps, 0)}, ceiling ${round(med.ceiling.rps, 0)}; ours/Prism ${result.ratio.prism}×, ours/ceiling ${result.ratio.ceiling}×`);
    }
  } finally {
    for (const r of Object.values(running)) for (const p of r.procs.values()) await p.stop();
  }

  const faultRules = await measureFaultRules({
    host: HOST,
    rounds: ROUNDS,
    warmUpSeconds: SMOKE ? 0.5 : 2,
    startOurs,
    loadLogin: async (url, seconds) => (await load(url, ENDPOINTS[1], seconds)).rps,
    loginUrl: (base) => `${base}/v1${ENDPOINTS[1].path}`,
  });
  console.log(`login with ${faultRules.rules} non-matching fault rules: ${faultRules.loginRps} req/s, with none ${faultRules.noneRps} req/s (${faultRules.ratio}×)`);

  const scale = await measureScale();
  const rowTools = { host: HOST, rounds: ROUNDS, smoke: SMOKE, startOurs, loadRps: async (url: string, headers: Record<string, string>, body: string) => (await load(url, { ...ENDPOINTS[0], headers, body })).rps };
  const stateFile = await measureStateFile(rowTools, [ENDPOINTS[1], ENDPOINTS[0]]);
  const saveLatency = await measureSaveLatency(SMOKE);
  console.log(`save latency: ${saveLatency.map((r) => `${r.stateMb} MB ${r.changeMs} ms (whole file ${r.wholeMs} ms)`).join(', ')}`);
  const hardening = await measureHardening(hardeningTools);
  const eventStream = await measureEventStream(rowTools, [ENDPOINTS[1], ENDPOINTS[0]]);
  const tenants = await measureTenants({ ...rowTools, duration: DURATION, connections: CONNECTIONS, root: ROOT }, ENDPOINTS[1]);
  const inProcess = measureInProcess(ROOT, SMOKE);
  console.log(`in process: startMock() ${inProcess.startMockMs} ms, reset +${inProcess.resetOverWarmMs} ms, new tenant +${inProcess.newTenantOverWarmMs} ms over a warm login`);
  const heapBytesPerUser = storeHeapPerUser(SCALE_SIZES[SCALE_SIZES.length - 1]);
  console.log(`heap per stored user (${SCALE_SIZES[SCALE_SIZES.length - 1]} users, after GC): ${heapBytesPerUser} bytes`);
  const report = {
    date: new Date().toISOString(),
    smoke: SMOKE,
    machine: { cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length, memoryGb: round(os.totalmem() / 2 ** 30, 1), node: process.version, platform: `${os.platform()} ${os.release()}` },
    settings: { durationSeconds: DURATION, rounds: ROUNDS, connections: CONNECTIONS, prism: 'prism mock (default settings: info logging) and prism mock -v silent' },
    startupMs: { ours: round(median(startup.ours)), prism: round(median(startup.prism)), ratio: round(median(startup.ours) / median(startup.prism)), samples: startup },
    endpoints: results,
    faultRules,
    scale: { ...scale, heapBytesPerUser },
    stateFile,
    saveLatency,
    hardening,
    eventStream,
    tenants,
    inProcess,
  };
  fs.mkdirSync(OUT, { recursive: true });
  fs.writeFileSync(path.join(OUT, 'results.json'), JSON.stringify(report, null, 2) + '\n');
  const markdown = formatMarkdown(report);
  fs.writeFileSync(path.join(OUT, 'results.md'), markdown);
  console.log(`\n${markdown}\nwritten to ${path.relative(ROOT, OUT)}/results.json and results.md`);
  if (!SMOKE && !flags['no-readme']) updateReadme(markdown);
}

/**
 * Throughput as the store grows, against a reference server that keeps 1,000
 * users, measured in turns (A B A B) so machine noise cancels out of the ratio.
 */
async function measureScale() {
  const refPort = 4501;
  const bigPort = 4502;
  const ref = startOurs(refPort);
  const big = startOurs(bigPort);
  const rows: ScaleRow[] = [];
  let bytesPerUser: number | undefined;
  try {
    for (const port of [refPort, bigPort]) await waitUntilServing(() => fetch(`http://${HOST}:${port}/__admin/users?vendor=akana`), process.hrtime.bigint());
    const refBase = `http://${HOST}:${refPort}`;
    const bigBase = `http://${HOST}:${bigPort}`;
    await seedTo(refBase, SCALE_SIZES[0], FIXTURE_ACCOUNTS.length);
    let total = FIXTURE_ACCOUNTS.length;
    let rssAtFirst = 0;
    for (const size of SCALE_SIZES) {
      total = await seedTo(bigBase, size, total);
      // The same user number on both servers, so only the store size differs.
      const n = Math.floor(SCALE_SIZES[0] / 2);
      const login: Endpoint = { ...ENDPOINTS[1], body: JSON.stringify({ username: `bulk-${n}`, password: 'bulk-password' }) };
      const reset: Endpoint = { ...ENDPOINTS[0], body: JSON.stringify({ email: `bulk-${n}@bulk.example`, code: 'wrong-code', newPassword: 'new-password-1' }) };
      // Seeding leaves the heap settling (promotion, compaction); warm up past it.
      for (const base of [bigBase, refBase]) {
        await load(`${base}/v1${login.path}`, login, SMOKE ? 0.5 : 4);
        await load(`${base}/v1${reset.path}`, reset, SMOKE ? 0.5 : 2);
      }
      const runs = { login: [] as { rps: number; p99: number; ratio: number }[], reset: [] as { rps: number; p99: number; ratio: number }[] };
      for (let r = 0; r < ROUNDS; r++) {
        for (const [kind, e] of [['login', login], ['reset', reset]] as const) {
          const a = await load(`${refBase}/v1${e.path}`, e);
          const b = await load(`${bigBase}/v1${e.path}`, e);
          runs[kind].push({ rps: b.rps, p99: b.p99, ratio: b.rps / a.rps });
        }
      }
      const rss = (memoryKb(big.child.pid!, 'VmRSS') ?? 0) / 1024;
      if (rows.length === 0) rssAtFirst = rss;
      rows.push({
        users: size,
        loginRps: round(median(runs.login.map((x) => x.rps)), 0),
        loginP99: median(runs.login.map((x) => x.p99)),
        resetRps: round(median(runs.reset.map((x) => x.rps)), 0),
        resetP99: median(runs.reset.map((x) => x.p99)),
        loginRatio: round(median(runs.login.map((x) => x.ratio))),
        resetRatio: round(median(runs.reset.map((x) => x.ratio))),
        rssMb: round(rss, 1),
      });
      if (rows.length > 1) bytesPerUser = Math.round(((rss - rssAtFirst) * 1024 * 1024) / (size - SCALE_SIZES[0]));
      const row = rows[rows.length - 1];
      console.log(`${size} users: login ${row.loginRps} req/s (${row.loginRatio}× the 1k server), resetPassword ${row.resetRps} req/s (${row.resetRatio}×), RSS ${row.rssMb} MB`);
    }
  } finally {
    await ref.stop();
    await big.stop();
  }
  return { rows, bytesPerUser };
}

/** The store's own heap cost per user, in a separate process that may force garbage collection. */
function storeHeapPerUser(count: number): number {
  const out = execFileSync(process.execPath, ['--expose-gc', path.join(ROOT, 'dist/bench/store-memory.js'), String(count)], { encoding: 'utf8', timeout: 120_000 });
  return (JSON.parse(out) as { heapBytesPerUser: number }).heapBytesPerUser;
}

/** Seeds Edge Impulse users through the bulk admin path until the store holds `size`; a fresh server holds the fixtures. */
async function seedTo(base: string, size: number, current: number): Promise<number> {
  let total = current;
  while (total < size) {
    const count = Math.min(size - total, 250_000);
    const res = await fetch(`${base}/__admin/users/bulk`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ vendor: 'edge-impulse', count, password: 'bulk-password' }), signal: AbortSignal.timeout(120_000) });
    if (res.status !== 201) throw new Error(`bulk seeding answered ${res.status}: ${await res.text()}`);
    total = ((await res.json()) as { total: number }).total;
  }
  return total;
}

interface ScaleRow {
  users: number;
  loginRps: number;
  loginP99: number;
  resetRps: number;
  resetP99: number;
  loginRatio: number;
  resetRatio: number;
  rssMb: number;
}

type Report = {
  date: string;
  smoke: boolean;
  machine: { cpu: string; cores: number; memoryGb: number; node: string; platform: string };
  settings: { durationSeconds: number; rounds: number; connections: number };
  startupMs: { ours: number; prism: number; ratio: number };
  endpoints: EndpointResult[];
  faultRules: FaultRulesRow;
  scale: { rows: ScaleRow[]; bytesPerUser?: number; heapBytesPerUser: number };
  stateFile: StateFileRow[];
  /** Absent in results written before the state file had a log. */
  saveLatency?: SaveLatencyRow[];
  /** Absent in results written before these rows existed. */
  hardening?: HardeningRows;
  eventStream?: EventStreamRow[];
  /** Absent in results written before tenants existed. */
  tenants?: TenantRow;
  inProcess?: InProcessRow;
};

const mark = (ok: boolean): string => (ok ? '✓' : '✗ missed');

/**
 * Targets against what users compare with: Prism `-v silent` (the headline)
 * and a bare Express ceiling, per row; start-up a fifth of Prism's.
 */
const TARGETS = { prismSilent: 2.5, ceiling: { 'ei-login': 0.9, 'emnify-authenticate': 0.9 } as Record<string, number>, ceilingOther: 0.8, startupRatio: 0.2 };
const ceilingTarget = (id: string): number => TARGETS.ceiling[id] ?? TARGETS.ceilingOther;

function formatMarkdown(r: Report): string {
  const lines = [
    `Measured ${r.date.slice(0, 10)} on ${r.machine.cores} × ${r.machine.cpu}, ${r.machine.memoryGb} GiB, Node ${r.machine.node}; autocannon in the same process as the bench, ${r.settings.connections} connections, ${r.settings.durationSeconds} s per run, ${r.settings.rounds} round(s) A B A B, medians.${r.smoke ? ' **Smoke run: figures are not meaningful.**' : ''}`,
    '',
    `Targets: at least ${TARGETS.prismSilent}× Prism -v silent on every row; against the ceiling at least ${TARGETS.ceiling['ei-login']}× for Edge Impulse login and EMnify authenticate, ${TARGETS.ceilingOther}× for the others.`,
    '',
    '| endpoint | ours req/s | Prism -v silent req/s | Prism req/s | Express ceiling req/s | ours/Prism silent | ours/Prism | ours/ceiling | ours p50 / p99 ms | peak RSS ours / Prism MB |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const e of r.endpoints) {
    const m = e.median;
    lines.push(
      `| ${e.title} | ${round(m.ours.rps, 0)} | ${round(m['prism-silent'].rps, 0)} | ${round(m.prism.rps, 0)} | ${round(m.ceiling.rps, 0)} | ${e.ratio.prismSilent}× ${mark(e.ratio.prismSilent >= TARGETS.prismSilent)} | ${e.ratio.prism}× | ${e.ratio.ceiling}× ${mark(e.ratio.ceiling >= ceilingTarget(e.id))} | ${m.ours.p50} / ${m.ours.p99} ${mark(m.ours.p99 <= 10)} | ${e.peakRssMb.ours ?? '?'} / ${e.peakRssMb.prism ?? '?'} |`,
    );
  }
  lines.push('', `Start-up to the first successful response: ours ${r.startupMs.ours} ms, Prism ${r.startupMs.prism} ms (ratio ${r.startupMs.ratio} ${mark(r.startupMs.ratio <= TARGETS.startupRatio)}; target at most ${TARGETS.startupRatio}).`, '');
  const f = r.faultRules;
  lines.push(`Fault rules: login on a server holding ${f.rules} rules that do not match it, ${f.loginRps} req/s, against one holding none, ${f.noneRps} req/s, in turns: ratio ${f.ratio} ${mark(f.ratio >= 0.95)}.`, '');
  lines.push('Scale: a server whose store grows, against one that keeps 1,000 users, in turns; ratios are medians of the per-round ratios.', '');
  lines.push('| users in the store | login req/s | ratio to 1k | login p99 ms | resetPassword req/s | ratio to 1k | resetPassword p99 ms | RSS MB |', '|---|---|---|---|---|---|---|---|');
  for (const s of r.scale.rows) lines.push(`| ${s.users.toLocaleString('en')} | ${s.loginRps} | ${s.loginRatio} ${mark(s.loginRatio >= 0.8)} | ${s.loginP99} | ${s.resetRps} | ${s.resetRatio} ${mark(s.resetRatio >= 0.8)} | ${s.resetP99} | ${s.rssMb} |`);
  lines.push('', `Memory per stored user: ${r.scale.heapBytesPerUser} bytes of heap after garbage collection (the store alone, ${r.scale.rows.at(-1)?.users.toLocaleString('en')} users) ${mark(r.scale.heapBytesPerUser < 1024)}${r.scale.bytesPerUser === undefined ? '' : `; the server's RSS grew ${r.scale.bytesPerUser} bytes per user added, garbage-collector slack included`}.`);
  lines.push(...stateFileMarkdown(r.stateFile, mark));
  lines.push(...saveLatencyMarkdown(r.saveLatency, mark));
  lines.push(...hardeningMarkdown(r.hardening, mark));
  if (r.eventStream) lines.push(...eventStreamMarkdown(r.eventStream, mark));
  lines.push(...tenantMarkdown(r.tenants, mark));
  lines.push(...inProcessMarkdown(r.inProcess, mark));
  return lines.join('\n') + '\n';
}

function updateReadme(markdown: string): void {
  const file = path.join(ROOT, 'README.md');
  const text = fs.readFileSync(file, 'utf8');
  const start = '<!-- bench:start -->';
  const end = '<!-- bench:end -->';
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a === -1 || b === -1) return;
  fs.writeFileSync(file, `${text.slice(0, a + start.length)}\n${markdown}${text.slice(b)}`);
}

main().catch((err: Error) => {
  console.error(`bench: ${err.stack ?? err.message}`);
  process.exitCode = 1;
});
