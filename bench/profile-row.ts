import fs from 'node:fs';
import path from 'node:path';
import { startProcess, waitUntilServing } from './processes';

/**
 * `npm run bench -- --profile ROW`: our server started with `--cpu-prof`, one
 * row's load (a warm-up, then a measured run), and the profile V8 writes when
 * the server exits on SIGTERM, moved to `bench/profiles/ROW-<date>.cpuprofile`.
 */
export async function profileRow(o: {
  id: string;
  root: string;
  host: string;
  port: number;
  configFile: string;
  url: (port: number) => string;
  load: (url: string) => Promise<unknown>;
}): Promise<string> {
  const dir = fs.mkdtempSync(path.join(o.root, 'bench', '.profile-'));
  const server = startProcess(`authmock :${o.port} (profiled)`, process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, path.join(o.root, 'dist/mock-server/main.js'), '--port', String(o.port), '--host', o.host, '--config', o.configFile], o.root);
  try {
    await waitUntilServing(() => fetch(o.url(o.port), { method: 'POST' }), process.hrtime.bigint());
    await o.load(o.url(o.port));
  } finally {
    await server.stop();
  }
  const written = fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!written) throw new Error(`the profiled server wrote no profile into ${dir}`);
  const out = path.join(o.root, 'bench', 'profiles');
  fs.mkdirSync(out, { recursive: true });
  const file = path.join(out, `${o.id}-${new Date().toISOString().replace(/[:.]/g, '-')}.cpuprofile`);
  fs.renameSync(path.join(dir, written), file);
  fs.rmSync(dir, { recursive: true, force: true });
  return file;
}
