import { importsOf, sourceFiles } from './import-graph';
import { isNodeOnlyModule, nodeTiesOf } from './node-free';

// The domain and the vendors' code run in Node and in a browser alike (as in a
// service worker that answers a page's requests), so they are written against
// what both have: no Node built-ins, no Buffer, no packages that need them.
// Node is reached through adapters, listed below by name, each for a reason.

const under = (dir: string) => (file: string) => file.startsWith(`${dir}/`);
const isTest = (file: string) => file.endsWith('.test.ts');

/** The isomorphic core: code that must run without Node. */
const CORE: ((file: string) => boolean)[] = [
  under('mock-server/domain'),
  (f) => under('mock-server/apis')(f) && f !== 'mock-server/apis/index.ts',
  (f) =>
    [
      'mock-server/config.ts',
      'mock-server/runtime.ts',
      'mock-server/world.ts',
      'mock-server/worlds.ts',
      'mock-server/fixtures-loader.ts',
      'mock-server/create-engine.ts',
      'mock-server/totp-code.ts',
      // The admin API's typed client: fetch only, so authmock/msw hands it an in-process fetch.
      'mock-server/admin-client.ts',
      'mock-server/admin-paths.ts',
      // Imported by the files above: settings schemas, vendor facts, generated types.
      'mock-server/config-schema.ts',
      'mock-server/core-settings-schema.ts',
      'mock-server/settings-schema.ts',
      'mock-server/vendors.ts',
    ].includes(f),
  under('mock-server/generated'),
  // The request pipeline, but for its node:http adapter.
  (f) => under('mock-server/http')(f) && !under('mock-server/http/node')(f),
  // authmock/msw, but for its Node entry: the same code runs in a page's bundle.
  (f) => under('mock-server/msw')(f) && f !== 'mock-server/msw/index.ts',
];

/** The Node adapters: where the mock meets the file system, sockets, the process, Express. */
const NODE_ADAPTERS: Record<string, string> = {
  'mock-server/server.ts': 'listens on a socket',
  'mock-server/main.ts': 'the process: arguments, environment, signals, the config file',
  'mock-server/cli.ts': 'the command line',
  'mock-server/index.ts': "the package's Node entry (startMock)",
  'mock-server/create-app.ts': 'the Express application',
  'mock-server/version.ts': 'reads package.json',
  'mock-server/contract-command.ts': 'runs the contract suites from the command line',
  'mock-server/contract-target.ts': 'starts a mock for the contract suites, from the environment',
  'mock-server/apis/index.ts': "finds the vendors' folders on disk",
  'mock-server/console/assets.ts': "reads the console's files and hashes them",
  'mock-server/console/index.ts': "serves the console's files through Express",
  'mock-server/state/': 'the state file: reads, writes, locks',
  'mock-server/http/node/': "node:http's request and response for the pipeline, and body-parser's reading of a body",
  'mock-server/msw/index.ts': "authmock/msw's Node entry: reads the precompiled specs, the vendors' folders and the fixtures from disk",
};
const isAdapter = (file: string) => Object.keys(NODE_ADAPTERS).some((a) => (a.endsWith('/') ? file.startsWith(a) : file === a));


const files = sourceFiles(['mock-server']).filter((f) => !isTest(f));
const inCore = (file: string) => CORE.some((is) => is(file));

describe('the isomorphic core', () => {
  test('is read from the source: the files named in it exist and are found', () => {
    expect(files.filter(inCore)).toEqual(expect.arrayContaining(['mock-server/domain/tokens.ts', 'mock-server/apis/emnify/machine-access.ts', 'mock-server/runtime.ts', 'mock-server/http/same-secret.ts']));
    for (const adapter of Object.keys(NODE_ADAPTERS)) expect(files.some((f) => (adapter.endsWith('/') ? f.startsWith(adapter) : f === adapter))).toBe(true);
  });

  test('every file of mock-server/ is in the core or a named Node adapter', () => {
    expect(files.filter((f) => !inCore(f) && !isAdapter(f))).toEqual([]);
    expect(files.filter((f) => inCore(f) && isAdapter(f))).toEqual([]);
  });

  test('no file of the core imports a Node module or uses a Node global', () => {
    const found = files.filter(inCore).flatMap((f) => nodeTiesOf(f).map((tie) => `${f} ${tie}`));
    expect(found).toEqual([]);
  });

  test('no file of the core imports a Node adapter', () => {
    // Type-only imports are erased, so they tie nothing at run time.
    const found = files
      .filter(inCore)
      .flatMap(importsOf)
      .filter((e) => !e.typeOnly && e.to !== undefined && isAdapter(e.to))
      .map((e) => `${e.from} imports '${e.specifier}'`);
    expect(found).toEqual(KNOWN_ADAPTER_IMPORTS);
  });
});

describe('what the core loads at run time', () => {
  // Type-only imports are erased.
  const reached = new Set<string>();
  const queue = files.filter(inCore);
  while (queue.length) {
    const file = queue.pop()!;
    if (reached.has(file)) continue;
    reached.add(file);
    for (const e of importsOf(file)) if (!e.typeOnly && e.to) queue.push(e.to);
  }
  const beyond = [...reached].filter((f) => !inCore(f)).sort();

  test('beyond the core is Node-free as well: the few shared modules it loads', () => {
    expect(beyond).toEqual([
      'contracts/core/ajv.ts',
      'contracts/core/bundle.ts',
      'contracts/core/compile.ts',
      'contracts/core/media-and-pointer.ts',
      'contracts/core/operations.ts',
      'contracts/core/redact.ts',
      'contracts/core/tenant-name.ts',
      'contracts/core/vendors.ts',
      'mock-server/state/world-state.ts',
    ]);
    expect(beyond.flatMap((f) => nodeTiesOf(f).map((tie) => `${f} ${tie}`))).toEqual([]);
  });

  // AJV compiles validators with new Function: fine in a page or a service worker, unless a Content-Security-Policy forbids eval.
  test('takes from npm only packages that run in a browser', () => {
    const packages = [...reached]
      .flatMap(importsOf)
      .filter((e) => !e.typeOnly && !e.specifier.startsWith('.'))
      .map((e) => e.specifier);
    // msw itself only in msw/, which a page's bundle takes from the app (or the standalone build holds).
    expect([...new Set(packages)].sort()).toEqual(['@noble/hashes/hmac', '@noble/hashes/legacy', '@noble/hashes/scrypt', '@noble/hashes/sha2', '@noble/hashes/utils', 'ajv', 'ajv-formats', 'cookie', 'cors', 'msw', 'otpauth', 'statuses']);
  });
});

/**
 * Core files that still import an adapter, to be untangled: the admin API's
 * state operations use the state file's document functions, which do not
 * touch the file system themselves but live among the code that does.
 */
const KNOWN_ADAPTER_IMPORTS = ["mock-server/apis/admin/state.ts imports '../../state/world-state'"];

describe('the check itself', () => {
  test.each([
    ['node:crypto', true],
    ['crypto', true],
    ['fs/promises', true],
    ['http', true],
    ['net', true],
    ['path', true],
    ['jsonwebtoken', true],
    ['@noble/hashes/sha2', false],
    ['otpauth', false],
    ['statuses', false],
    ['./crypto', false],
  ])("'%s' is a Node-only module: %s", (specifier, nodeOnly) => {
    expect(isNodeOnlyModule(specifier)).toBe(nodeOnly);
  });

  test('sees the Node ties of an adapter, and none in a file of the core', () => {
    expect(nodeTiesOf('mock-server/console/assets.ts')).toEqual(expect.arrayContaining(["imports 'node:fs'", expect.stringMatching(/^uses Buffer \(line \d+\)$/), expect.stringMatching(/^uses __dirname/)]));
    expect(nodeTiesOf('mock-server/main.ts')).toEqual(expect.arrayContaining([expect.stringMatching(/^uses process/), expect.stringMatching(/^uses NodeJS/)]));
    // Named in comments only: the check reads code, not words.
    expect(nodeTiesOf('mock-server/domain/bytes.ts')).toEqual([]);
  });
});
