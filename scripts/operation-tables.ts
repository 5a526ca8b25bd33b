import fs from 'node:fs';
import path from 'node:path';
import type { OpenAPIV3 } from 'openapi-types';
import { loadCompiledSpecs, type CompiledSpec } from '../contracts/core';
import { vendorFacts } from '../mock-server/vendors';

/**
 * Rewrites the README's operationId tables from the vendor specs, one table per vendor:
 * `npm run build && node dist/scripts/operation-tables.js`. Fault rules and
 * `toSatisfyContract` take these ids, so the list must be the specs' own, not a copy kept by hand.
 */
export const OPERATION_MARKERS = ['<!-- operations:start -->', '<!-- operations:end -->'] as const;

// A table cell holds one line, and a bar would end it.
const cell = (text: string): string => text.replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim();

function deprecated(spec: CompiledSpec, path: string, method: string): boolean {
  const item = spec.document.paths?.[path] as Record<string, OpenAPIV3.OperationObject | undefined> | undefined;
  return item?.[method]?.deprecated === true;
}

/** One table per vendor spec, in the vendors' listing order. */
export function operationTables(specs: ReadonlyMap<string, CompiledSpec>): string {
  return vendorFacts(specs)
    .map((vendor) => {
      const spec = specs.get(vendor.id)!;
      const rows = spec.operations.map(
        (op) => `| \`${op.operationId}\` | ${op.method.toUpperCase()} | \`${op.fullPath}\` | ${cell(op.summary)}${deprecated(spec, op.path, op.method) ? ' (deprecated)' : ''} |`,
      );
      return [`**${vendor.name}** (\`${vendor.id}\`, \`specs/${vendor.id}.openapi.yaml\`, ${rows.length} operations)`, '', '| operationId | method | path | summary |', '|---|---|---|---|', ...rows].join('\n');
    })
    .join('\n\n');
}

export function readmeWithOperations(readme: string, specs: ReadonlyMap<string, CompiledSpec>): string {
  const [start, end] = OPERATION_MARKERS;
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README.md has no ${start} … ${end} block`);
  return `${readme.slice(0, from + start.length)}\n${operationTables(specs)}\n${readme.slice(to)}`;
}

if (require.main === module) {
  void (async () => {
    const file = path.resolve(__dirname, '..', '..', 'README.md');
    const specs = await loadCompiledSpecs(undefined, { validate: false });
    fs.writeFileSync(file, readmeWithOperations(fs.readFileSync(file, 'utf8'), specs));
    console.log(`rewrote the operationId tables in ${file}`);
  })().catch((err: Error) => {
    console.error(`operation-tables: ${err.message}`);
    process.exit(1);
  });
}
