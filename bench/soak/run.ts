import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { closeConnections, send, type RawRequest } from '../fuzz/http';
import { memoryKb } from '../processes';
import { FLOWS, HOUSEKEEPING, pickFlow, type Call } from './flows';
import { HOSTILE_FLOWS, pickHostileFlow } from './hostile';

/**
 * `npm run soak -- --minutes N`: the built mock in its own process on
 * 127.0.0.1, driven by journeys of every vendor and the admin API (with a
 * state reset, a clock move and a mailbox clear at a low rate), its RSS
 * sampled every 10 s into bench/results/soak-<date>.json. Fails on any 5xx or
 * request error, or when RSS grows more than the limit from the end of the
 * warm-up to the end of the run (medians of up to three samples each).
 */
const ROOT = path.resolve(__dirname, '..', '..', '..');
const USAGE = `Usage: npm run soak -- [--profile journeys|hostile] [--minutes N] [--warmup-minutes W] [--connections C]
                        [--max-growth-mb MB] [--max-rss-mb MB] [--housekeeping-s S] [--out FILE]

  --profile P          journeys (default): every vendor's flows and the admin API, with resets;
                       hostile: the largest values the specs allow, over 64 tenants, image probes
                       of random tenants, and reads of whole journals and mailboxes, with no reset
  --max-rss-mb MB      RSS allowed at any sample after the warm-up (default: none; 1024 for hostile)
  --minutes N          how long to run (default 10)
  --warmup-minutes W   RSS is compared from the end of the warm-up (default 1, at most half the run)
  --connections C      concurrent journeys (default 4)
  --max-growth-mb MB   RSS growth allowed after the warm-up (default 50)
  --housekeeping-s S   seconds between state resets; a clock move and a mailbox clear fall in between (default 30)
  --out FILE           results file (default bench/results/soak-<date>.json)`;

const { values: flags } = parseArgs({
  options: {
    minutes: { type: 'string' },
    'warmup-minutes': { type: 'string' },
    connections: { type: 'string' },
    'max-growth-mb': { type: 'string' },
    'housekeeping-s': { type: 'string' },
    'max-rss-mb': { type: 'string' },
    profile: { type: 'string' },
    out: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

function positive(name: string, fallback: number): number {
  const raw = flags[name as keyof typeof flags];
  const n = raw === undefined ? fallback : Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, not '${String(raw)}'`);
  return n;
}

const SAMPLE_MS = 10_000;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : Math.round(((sorted[mid - 1] + sorted[mid]) / 2) * 10) / 10;
}
// However fast the machine, the soak ends: a cap on requests besides the clock.
const MAX_REQUESTS = 50_000_000;

interface Sample {
  atS: number;
  rssMb: number;
  requests: number;
  statuses: Record<string, number>;
}

/** Starts the built mock on a free port and resolves to its port once it prints where it listens. */
function startMock(): Promise<{ port: number; pid: number; stop(): Promise<void> }> {
  // Every journey logs in from 127.0.0.1: EMnify's per-IP authenticate limit (100 in 5 minutes) would answer 429 within seconds.
  const config = path.join(os.tmpdir(), `authmock-soak-${process.pid}.json`);
  fs.writeFileSync(config, JSON.stringify({ apis: { emnify: { authenticateLimit: false } } }));
  const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'mock-server', 'main.js'), '--port', '0', '--host', '127.0.0.1', '--config', config], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = (): Promise<void> =>
    new Promise((resolve) => {
      fs.rmSync(config, { force: true });
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const timer = setTimeout(() => child.kill('SIGKILL'), 8000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr!.on('data', (d) => (err = (err + String(d)).slice(-4000)));
    child.stdout!.on('data', (d) => {
      out += String(d);
      const m = out.match(/https?:\/\/(?:127\.0\.0\.1|localhost|\[::1\]):(\d+)/);
      if (m) resolve({ port: Number(m[1]), pid: child.pid!, stop });
      if (out.length > 100_000) out = out.slice(-10_000);
    });
    child.once('exit', (code) => reject(new Error(`the mock exited (${code}) before listening: ${err}`)));
  });
}

async function main(): Promise<number> {
  if (flags.help) {
    console.log(USAGE);
    return 0;
  }
  const minutes = positive('minutes', 10);
  const warmupMinutes = Math.min(positive('warmup-minutes', 1), minutes / 2);
  const connections = Math.max(1, Math.round(positive('connections', 4)));
  const limitMb = positive('max-growth-mb', 50);
  const housekeepingMs = positive('housekeeping-s', 30) * 1000;
  const profile = flags.profile ?? 'journeys';
  if (profile !== 'journeys' && profile !== 'hostile') throw new Error(`--profile must be journeys or hostile, not '${profile}'`);
  const hostile = profile === 'hostile';
  const maxRssMb = flags['max-rss-mb'] !== undefined || hostile ? positive('max-rss-mb', 1024) : Number.POSITIVE_INFINITY;
  const flows = hostile ? HOSTILE_FLOWS : FLOWS;
  const pick = hostile ? pickHostileFlow : pickFlow;
  const date = new Date().toISOString().replace(/[:.]/g, '-');
  const out = path.resolve(ROOT, flags.out ?? path.join('bench', 'results', `soak-${date}.json`));

  const mock = await startMock();
  const started = Date.now();
  const deadline = started + minutes * 60_000;
  const warmupEnd = started + warmupMinutes * 60_000;
  const statuses = new Map<number, number>();
  const errors: string[] = [];
  let requests = 0;
  const flowsRun = new Map<string, number>();

  const call: Call = async (request: RawRequest) => {
    requests++;
    const res = await send(mock.port, request);
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    if (res.status >= 500 && errors.length < 20) errors.push(`${request.method} ${request.path} answered ${res.status}: ${res.text.slice(0, 300)}`);
    return res;
  };
  const running = (): boolean => Date.now() < deadline && requests < MAX_REQUESTS && errors.length < 20;

  const samples: Sample[] = [];
  const sample = (): void => {
    const rssMb = (memoryKb(mock.pid, 'VmRSS') ?? 0) / 1024;
    samples.push({ atS: Math.round((Date.now() - started) / 1000), rssMb: Math.round(rssMb * 10) / 10, requests, statuses: Object.fromEntries(statuses) });
    console.log(`soak ${String(samples.at(-1)!.atS).padStart(5)} s: RSS ${rssMb.toFixed(1)} MB, ${requests} requests`);
  };
  sample();
  const sampler = setInterval(sample, SAMPLE_MS);
  // Each period: a reset, then a clock move and a mailbox clear at a third and
  // two thirds of it. State grows between resets; a period of three samples
  // lets the medians below compare whole saw-teeth.
  let turn = 0;
  // The hostile profile never resets: what it leaves behind is what the bounds must hold.
  const housekeeper = setInterval(() => {
    if (hostile) return;
    const request = HOUSEKEEPING[turn++ % HOUSEKEEPING.length];
    call(request).catch((err: Error) => errors.push(`${request.method} ${request.path}: ${err.message}`));
  }, housekeepingMs / HOUSEKEEPING.length);

  const worker = async (): Promise<void> => {
    while (running()) {
      const name = pick(Math.random());
      flowsRun.set(name, (flowsRun.get(name) ?? 0) + 1);
      try {
        await flows[name].run(call);
      } catch (err) {
        errors.push(`${name}: ${(err as Error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  clearInterval(sampler);
  clearInterval(housekeeper);
  sample();
  await mock.stop();
  closeConnections();

  const seconds = (Date.now() - started) / 1000;
  const afterWarmup = samples.filter((s) => s.atS * 1000 >= warmupEnd - started).map((s) => s.rssMb);
  if (afterWarmup.length === 0) afterWarmup.push(samples.at(-1)!.rssMb);
  // RSS swings by tens of MB between collections; medians of the first and the
  // last few samples after the warm-up compare levels, not one lucky sample.
  const k = Math.max(1, Math.min(3, Math.floor(afterWarmup.length / 3)));
  const baseline = median(afterWarmup.slice(0, k));
  const end = median(afterWarmup.slice(-k));
  const maxRss = Math.max(...afterWarmup);
  const growthMb = Math.round((end - baseline) * 10) / 10;
  const passed = growthMb <= limitMb && maxRss <= maxRssMb && errors.length === 0;
  const result = {
    date: new Date().toISOString(),
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, Node ${process.version}`,
    profile,
    minutes,
    warmupMinutes,
    connections,
    requests,
    requestsPerSecond: Math.round(requests / seconds),
    statuses: Object.fromEntries(statuses),
    flows: Object.fromEntries(flowsRun),
    rssAfterWarmupMb: baseline,
    rssAtEndMb: end,
    maxRssAfterWarmupMb: maxRss,
    growthMb,
    limitMb,
    maxRssMb: Number.isFinite(maxRssMb) ? maxRssMb : null,
    errors,
    passed,
    samples,
  };
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\nsoak: ${requests} requests in ${seconds.toFixed(0)} s (${result.requestsPerSecond}/s) over ${connections} connection(s); statuses ${[...statuses].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}×${n}`).join(' ')}`);
  console.log(`RSS ${baseline} MB after the ${warmupMinutes}-minute warm-up, ${end} MB at the end (medians of ${k} sample(s)), at most ${maxRss} MB: grew ${growthMb} MB, limit ${limitMb} MB ${growthMb <= limitMb ? '✓' : '✗ exceeded'}`);
  if (Number.isFinite(maxRssMb)) console.log(`RSS at most ${maxRss} MB after the warm-up, limit ${maxRssMb} MB ${maxRss <= maxRssMb ? '✓' : '✗ exceeded'}`);
  if (errors.length) console.log(`${errors.length} failure(s):\n  ${errors.join('\n  ')}`);
  console.log(`results: ${path.relative(ROOT, out)}`);
  return passed ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(`soak: ${err.message}`);
    process.exit(2);
  },
);
