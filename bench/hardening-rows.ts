import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { FIXTURE_ACCOUNTS } from '../fixtures';
import { waitUntilServing, type Proc } from './processes';
import { median, round } from './stats';

/** What the bench runner lends these rows. */
export interface HardeningTools {
  host: string;
  rounds: number;
  smoke: boolean;
  duration: number;
  connections: number;
  startOurs(port: number, extraArgs?: string[]): Proc;
}

export interface MailboxRow {
  read: string;
  mails: number;
  rps: number;
  p99: number;
}

export interface ResendSpreadRow {
  few: number;
  many: number;
  fewRps: number;
  manyRps: number;
  ratio: number;
}

export interface HardeningRows {
  mailbox: MailboxRow[];
  resend: ResendSpreadRow;
}

const FORM = { 'content-type': 'application/x-www-form-urlencoded', accept: '*/*' };
const pending = FIXTURE_ACCOUNTS.find((a) => a.vendor === 'akana' && a.role === 'pending activation')!;

interface Run {
  rps: number;
  p99: number;
  non2xx: number;
}

async function drive(options: autocannon.Options): Promise<Run> {
  const r = await autocannon({ timeout: 10, ...options } as autocannon.Options);
  return { rps: r.requests.average, p99: r.latency.p99, non2xx: r.non2xx };
}

/** POSTs to Akana's resend, each with the next of `distinct` addresses in turn. */
function resendLoad(base: string, distinct: number, tools: HardeningTools, extra: Partial<autocannon.Options>): Promise<Run> {
  let n = 0;
  return drive({
    url: base,
    connections: tools.connections,
    requests: [
      {
        method: 'POST',
        path: '/api/users/resendActivation',
        headers: FORM,
        setupRequest: (req: autocannon.Request) => ({ ...req, body: `emailAddress=spread-${n++ % distinct}%40bulk.example` }),
      },
    ],
    ...extra,
  } as autocannon.Options);
}

function configFile(name: string, config: unknown): string {
  const file = path.join(os.tmpdir(), `authmock-bench-${name}-${process.pid}.json`);
  fs.writeFileSync(file, JSON.stringify(config));
  return file;
}

/**
 * Reading a full mailbox (10,000 mails) page by page, with and without
 * filters; and Akana's resend over 100,000 distinct addresses against the
 * same over 10, in turns, with a window long enough that every address stays
 * in the rate limiter (so the limiter holds its maximum of keys throughout).
 */
export async function measureHardening(tools: HardeningTools): Promise<HardeningRows> {
  const mails = 10_000;
  const few = 10;
  const many = tools.smoke ? 10_000 : 100_000;
  const longWindow = configFile('long-window', { apis: { akana: { resendPerAddress: { limit: 1e9, windowMs: 3_600_000 } } } });
  const box = tools.startOurs(4701);
  const a = tools.startOurs(4702, ['--config', longWindow]);
  const b = tools.startOurs(4703, ['--config', longWindow]);
  const base = (port: number): string => `http://${tools.host}:${port}`;
  try {
    for (const port of [4701, 4702, 4703]) await waitUntilServing(() => fetch(`${base(port)}/__admin/users?vendor=akana`), process.hrtime.bigint());

    // Every resend to the pending fixture mails a code (the bench's config lifts the limit).
    await drive({ url: `${base(4701)}/api/users/resendActivation`, method: 'POST', headers: FORM, body: `emailAddress=${encodeURIComponent(pending.email)}`, connections: tools.connections, amount: mails });
    const reads: [string, string][] = [
      ['newest 100, no filter', '/__admin/mailbox'],
      ['newest 100 to one address, vendor and kind', `/__admin/mailbox?to=${encodeURIComponent(pending.email)}&vendor=akana&kind=activation`],
      ['a page deep in the mailbox (cursor)', '/__admin/mailbox?limit=100&cursor=5000'],
    ];
    const mailbox: MailboxRow[] = [];
    for (const [read, p] of reads) {
      await drive({ url: `${base(4701)}${p}`, connections: tools.connections, duration: tools.smoke ? 0.5 : 2 });
      const runs: Run[] = [];
      for (let r = 0; r < tools.rounds; r++) runs.push(await drive({ url: `${base(4701)}${p}`, connections: tools.connections, duration: tools.duration }));
      mailbox.push({ read, mails, rps: round(median(runs.map((x) => x.rps)), 0), p99: median(runs.map((x) => x.p99)) });
      console.log(`mailbox read with ${mails} mails, ${read}: ${mailbox.at(-1)!.rps} req/s (p99 ${mailbox.at(-1)!.p99} ms)`);
    }

    // Fill the second server's limiter with every address before measuring.
    await resendLoad(base(4703), many, tools, { amount: many });
    await resendLoad(base(4702), few, tools, { duration: tools.smoke ? 0.5 : 2 });
    const runs: { few: number; many: number }[] = [];
    for (let r = 0; r < tools.rounds; r++) {
      const f = await resendLoad(base(4702), few, tools, { duration: tools.duration });
      const m = await resendLoad(base(4703), many, tools, { duration: tools.duration });
      runs.push({ few: f.rps, many: m.rps });
    }
    const resend = { few, many, fewRps: round(median(runs.map((x) => x.few)), 0), manyRps: round(median(runs.map((x) => x.many)), 0), ratio: round(median(runs.map((x) => x.many / x.few))) };
    console.log(`Akana resend over ${many} distinct addresses: ${resend.manyRps} req/s vs ${resend.fewRps} over ${few} (${resend.ratio}×)`);
    return { mailbox, resend };
  } finally {
    await box.stop();
    await a.stop();
    await b.stop();
    fs.rmSync(longWindow, { force: true });
  }
}

export function hardeningMarkdown(rows: HardeningRows | undefined, mark: (ok: boolean) => string): string[] {
  if (!rows) return [];
  const lines = ['', 'Admin reads and per-key limits at scale (targets: a mailbox read with 10,000 mails at least 2,000 req/s; Akana resend over many distinct addresses at least 0.9× over 10).', ''];
  lines.push('| read | mails kept | req/s | p99 ms |', '|---|---|---|---|');
  for (const m of rows.mailbox) lines.push(`| GET /__admin/mailbox, ${m.read} | ${m.mails.toLocaleString('en')} | ${m.rps} ${mark(m.rps >= 2000)} | ${m.p99} |`);
  const r = rows.resend;
  lines.push('', '| Akana resendActivation | req/s | ratio |', '|---|---|---|');
  lines.push(`| over ${r.few} addresses | ${r.fewRps} | |`, `| over ${r.many.toLocaleString('en')} distinct addresses | ${r.manyRps} | ${r.ratio}× ${mark(r.ratio >= 0.9)} |`);
  return lines;
}
