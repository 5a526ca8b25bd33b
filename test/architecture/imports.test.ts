import { findCycles, importsOf, sourceFiles, type ImportEdge } from './import-graph';

// The layers of README's "Layout", checked on the source rather than trusted:
// mock-server/domain ← http ← apis/<api> ← create-app ← server/main/cli, and
// contracts/ (the kit, shipped on its own) never reaching into mock-server/.
// generated/ is output of scripts/generate-types.js and imports nothing of ours.
const files = sourceFiles(['mock-server', 'contracts'], ['generated']);
const edges = files.flatMap(importsOf);

const inside = (dir: string) => (file: string | undefined) => file !== undefined && file.startsWith(`${dir}/`);
// Not OpenAPI: the vendor ids and mail kinds, plain lists the script reads from the specs' x-authmock-vendor.
const VENDOR_FACTS = 'mock-server/generated/vendors.ts';

/** OpenAPI in any form: the parser and type packages, the kit's spec compiler, the types generated from the specs. */
function isOpenApi(e: ImportEdge): boolean {
  if (!e.specifier.startsWith('.')) return /openapi|swagger/i.test(e.specifier);
  return inside('contracts')(e.to) || (inside('mock-server/generated')(e.to) && e.to !== VENDOR_FACTS);
}

const isExpress = (e: ImportEdge) => e.specifier === 'express' || e.specifier.startsWith('express/') || e.specifier === '@types/express';

// Type-only imports count here as well: a type from a higher layer ties the lower one to it just the same.
const RULES: [string, (file: string) => boolean, (e: ImportEdge) => boolean][] = [
  ['mock-server/domain imports nothing of http/', inside('mock-server/domain'), (e) => inside('mock-server/http')(e.to)],
  ['mock-server/domain imports nothing of apis/', inside('mock-server/domain'), (e) => inside('mock-server/apis')(e.to)],
  ['mock-server/domain imports no Express', inside('mock-server/domain'), isExpress],
  ['mock-server/domain imports nothing OpenAPI', inside('mock-server/domain'), isOpenApi],
  ['mock-server/http imports nothing of apis/', inside('mock-server/http'), (e) => inside('mock-server/apis')(e.to)],
  ['contracts/ imports nothing of mock-server/ (generated/ included)', inside('contracts'), (e) => inside('mock-server')(e.to) || /(^|\/)mock-server(\/|$)/.test(e.specifier)],
];

describe('the import graph of mock-server/ and contracts/', () => {
  test('is read from the source: every file is seen and the known imports are found', () => {
    expect(files).toEqual(expect.arrayContaining(['mock-server/create-app.ts', 'mock-server/http/router.ts', 'contracts/core/index.ts']));
    expect(edges).toContainEqual(expect.objectContaining({ from: 'mock-server/create-engine.ts', to: 'mock-server/http/router.ts', typeOnly: false }));
    expect(edges).toContainEqual(expect.objectContaining({ from: 'mock-server/create-engine.ts', to: 'contracts/core/compile.ts', typeOnly: true }));
    // A relative import the parser could not resolve would slip past every rule below.
    expect(edges.filter((e) => e.specifier.startsWith('.') && !e.to && !e.specifier.endsWith('.json')).map((e) => `${e.from} → ${e.specifier}`)).toEqual([]);
  });

  // Type-only imports count for cycles too: none are left, and a type cycle still means two files that cannot be read apart.
  test('has no cycle', () => {
    expect(findCycles(edges).map((c) => c.join(' → '))).toEqual([]);
  });

  test.each(RULES)('%s', (_rule, from, forbidden) => {
    const violations = edges.filter((e) => from(e.from) && forbidden(e)).map((e) => `${e.from} imports '${e.specifier}'`);
    expect(violations).toEqual([]);
  });
});

describe('findCycles', () => {
  const edge = (from: string, to: string): ImportEdge => ({ from, specifier: `./${to}`, to, typeOnly: false });
  test.each<[string, [string, string][], string[][]]>([
    ['a chain has none', [['a', 'b'], ['b', 'c']], []],
    ['two files importing each other are one', [['a', 'b'], ['b', 'a']], [['a', 'b', 'a']]],
    ['a file importing itself is one', [['a', 'a']], [['a', 'a']]],
    ['a longer loop is named by its shortest way round', [['a', 'b'], ['b', 'c'], ['c', 'a'], ['b', 'a']], [['a', 'b', 'a']]],
    ['two separate loops are two', [['a', 'b'], ['b', 'a'], ['x', 'y'], ['y', 'x']], [['a', 'b', 'a'], ['x', 'y', 'x']]],
  ])('%s', (_case, pairs, cycles) => {
    const found = findCycles(pairs.map(([a, b]) => edge(a, b)));
    expect([...found].sort()).toEqual(cycles);
  });
});
