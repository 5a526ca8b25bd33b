import { execFileSync } from 'node:child_process';
import path from 'node:path';

export interface InProcessRow {
  firstStartMs: number;
  startMockMs: number;
  warmLoginMs: number;
  resetMs: number;
  resetOverWarmMs: number;
  newTenantMs: number;
  newTenantOverWarmMs: number;
  /** authmock/msw, measured in a fresh process of its own (msw-timing.ts). */
  msw?: MswRow;
}

export interface MswRow {
  firstCreateHandlersMs: number;
  createHandlersMs: number;
  mswLoginMs: number;
  httpLoginMs: number;
}

// Targets: a test worker's startMock() to a served request; a reset and a new tenant's first request over a warm request.
export const IN_PROCESS_TARGETS = { startMockMs: 60, resetOverWarmMs: 1.1, newTenantOverWarmMs: 0.5 };

/** Runs in-process-timing.js in a fresh process (as a new test worker starts) and reads its figures. */
export function measureInProcess(root: string, smoke: boolean): InProcessRow {
  const run = (script: string): string => execFileSync(process.execPath, [path.join(root, 'dist/bench', script), String(smoke ? 5 : 25)], { encoding: 'utf8', timeout: 120_000 });
  const row = JSON.parse(run('in-process-timing.js').trim().split('\n').at(-1)!) as InProcessRow;
  row.msw = JSON.parse(run('msw-timing.js').trim().split('\n').at(-1)!) as MswRow;
  return row;
}

export function inProcessMarkdown(r: InProcessRow | undefined, mark: (ok: boolean) => string): string[] {
  if (!r) return [];
  const t = IN_PROCESS_TARGETS;
  return [
    '',
    'In process (a fresh Node process, as a test worker; medians of repeated runs; each request on a new connection):',
    '',
    '| what | ms | target |',
    '|---|---|---|',
    `| first \`startMock()\` in the process, modules loaded, to a served request | ${r.firstStartMs} | |`,
    `| a later \`startMock()\` to a served request | ${r.startMockMs} ${mark(r.startMockMs <= t.startMockMs)} | ≤ ${t.startMockMs} |`,
    `| a warm Edge Impulse login | ${r.warmLoginMs} | |`,
    `| \`POST /__admin/reset\` | ${r.resetMs} (+${r.resetOverWarmMs} over the login) ${mark(r.resetOverWarmMs <= t.resetOverWarmMs)} | ≤ +${t.resetOverWarmMs} |`,
    `| a new tenant's first request (created and seeded) | ${r.newTenantMs} (+${r.newTenantOverWarmMs} over the login) ${mark(r.newTenantOverWarmMs <= t.newTenantOverWarmMs)} | ≤ +${t.newTenantOverWarmMs} |`,
    ...(r.msw
      ? [
          `| first \`createHandlers()\` of \`authmock/msw\` in a fresh process, module and specs loaded | ${r.msw.firstCreateHandlersMs} | |`,
          `| a later \`createHandlers()\` | ${r.msw.createHandlersMs} | |`,
          `| a warm Edge Impulse login through msw's \`setupServer\` (fetch, in-process) | ${r.msw.mswLoginMs} (over HTTP to \`startMock()\` in the same process: ${r.msw.httpLoginMs}) | |`,
        ]
      : []),
  ];
}
