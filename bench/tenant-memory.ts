import { loadCompiledSpecs } from '../contracts/core';
import { createApp } from '../mock-server/create-app';

/**
 * Heap bytes per idle tenant seeded with the fixtures, after full garbage
 * collections: `node --expose-gc dist/bench/tenant-memory.js COUNT`.
 */
async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 200);
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc');
  const app = createApp({ specs: await loadCompiledSpecs(undefined, { validate: false }), config: { maxTenants: count } });
  // One tenant first, so that code shared by all of them (compiled closures, caches) is not counted.
  app.worlds.tenant('warm-up');
  gc();
  const before = process.memoryUsage().heapUsed;
  for (let n = 0; n < count - 1; n++) app.worlds.tenant(`tenant-${n}`);
  gc();
  const after = process.memoryUsage().heapUsed;
  console.log(JSON.stringify({ tenants: app.worlds.size, users: app.worlds.default.runtime.users.size, heapBytesPerTenant: Math.round((after - before) / (count - 1)) }));
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
