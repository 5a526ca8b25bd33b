import fs from 'node:fs';
import path from 'node:path';
import { OPERATION_MARKERS, readmeWithOperations } from '../../scripts/operation-tables';
import { vendorFacts } from '../../mock-server/vendors';
import { compiledSpecs } from '../support/harness';

const README = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');

test("the README's operationId tables are the ones the vendor specs generate", async () => {
  // If this fails, run `npm run build && node dist/scripts/operation-tables.js`.
  expect(readmeWithOperations(README, await compiledSpecs())).toBe(README);
});

/** The first column's ids of every README table headed `| operationId |`, outside the generated block. */
function handWrittenTables(): string[][] {
  const [start, end] = OPERATION_MARKERS;
  const text = README.slice(0, README.indexOf(start)) + README.slice(README.indexOf(end));
  const tables: string[][] = [];
  let current: string[] | undefined;
  for (const line of text.split('\n')) {
    if (line.startsWith('| operationId |')) current = tables[tables.push([]) - 1];
    else if (!line.startsWith('|')) current = undefined;
    else if (current && !line.startsWith('|---')) current.push(/^\| `([^`]+)`/.exec(line)?.[1] ?? line);
  }
  return tables;
}

test("each vendor section's table of what the operations do names exactly the spec's operations", async () => {
  const specs = await compiledSpecs();
  const vendors = vendorFacts(specs).map((v) => ({ id: v.id, ids: specs.get(v.id)!.operations.map((o) => o.operationId).sort() }));
  const tables = handWrittenTables();
  expect(tables).toHaveLength(vendors.length);
  for (const table of tables) {
    // A table belongs to the vendor most of its ids come from; then it must list that vendor's ids, no more, no fewer.
    const vendor = vendors.reduce((best, v) => (v.ids.filter((id) => table.includes(id)).length > best.ids.filter((id) => table.includes(id)).length ? v : best));
    expect({ vendor: vendor.id, ids: [...table].sort() }).toEqual({ vendor: vendor.id, ids: vendor.ids });
  }
});
