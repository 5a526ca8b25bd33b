import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';

/** A server process the bench started; it ends it by PID. */
export interface Proc {
  name: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

export function startProcess(name: string, command: string, args: string[], cwd: string): Proc {
  const child = spawn(command, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr = (stderr + String(d)).slice(-2000)));
  child.on('exit', (code, signal) => {
    if (code && code !== 0 && signal === null) console.error(`${name} exited with ${code}: ${stderr}`);
  });
  return {
    name,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

/** Polls until `request` answers with a status below 500; resolves to the milliseconds it took since `since`. */
export async function waitUntilServing(request: () => Promise<Response>, since: bigint, timeoutMs = 60_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await request();
      await res.arrayBuffer();
      if (res.status < 500) return Number(process.hrtime.bigint() - since) / 1e6;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`no successful response within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Kilobytes from /proc/PID/status: VmRSS now, or VmHWM, the peak. */
export function memoryKb(pid: number, field: 'VmRSS' | 'VmHWM'): number | undefined {
  try {
    const m = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`${field}:\\s+(\\d+) kB`));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}
