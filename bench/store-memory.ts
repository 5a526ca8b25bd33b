import { UserStore } from '../mock-server/domain/user-store';

/**
 * Heap bytes per stored user, measured after full garbage collections:
 * run as `node --expose-gc dist/bench/store-memory.js COUNT`. Users are shaped
 * as the bulk path makes them (own e-mail and username, shared password hash).
 */
const count = Number(process.argv[2] ?? 1_000_000);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');
const store = new UserStore();
gc();
const before = process.memoryUsage().heapUsed;
const hash = 'scrypt$16$1$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
const now = Date.now();
for (let n = 1; n <= count; n++) store.insert({ vendor: 'edge-impulse', email: `bulk-${n}@bulk.example`, username: `bulk-${n}`, status: 'active', passwordHash: hash }, now);
gc();
const after = process.memoryUsage().heapUsed;
console.log(JSON.stringify({ users: store.size, heapBytesPerUser: Math.round((after - before) / count) }));
