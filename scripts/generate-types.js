#!/usr/bin/env node
// Writes TypeScript types for every spec in specs/ to mock-server/generated/<id>.ts,
// so handlers and the admin client take their body shapes from the specs, not from casts;
// and mock-server/generated/vendors.ts, the vendor ids (specs with info.x-authmock-vendor);
// and for the browser console (compiled on its own), console/src/generated/: the admin types and
// the vendor ids, mail kinds and user statuses the admin spec lists.
// Run by `npm run build` and `npm run typecheck`; the output is not committed.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { loadVendors, parseSpecs, core } = require('./vendors');

async function main() {
  const { default: openapiTS, astToString } = require('openapi-typescript');
  const root = path.join(__dirname, '..');
  const specDir = path.join(root, 'specs');
  const outDir = path.join(root, 'mock-server', 'generated');
  fs.mkdirSync(outDir, { recursive: true });
  const files = fs.readdirSync(specDir).filter((f) => f.endsWith('.openapi.yaml')).sort();
  const ids = [];
  const consoleDir = path.join(root, 'console', 'src', 'generated');
  fs.mkdirSync(consoleDir, { recursive: true });
  const write = (target, text) => {
    // Unchanged output keeps its timestamp, so tsc's incremental checks stay quick.
    if (!fs.existsSync(target) || fs.readFileSync(target, 'utf8') !== text) fs.writeFileSync(target, text);
  };
  // Parsed, not dereferenced, so named schemas stay named types; lists a vendor-neutral spec leaves to
  // the vendor specs (x-authmock-enum) are filled in as the loader fills them at run time.
  const parsed = await parseSpecs(specDir);
  const facts = await loadVendors(specDir, parsed);
  const lists = core().vendorLists(facts);
  for (const file of files) {
    const id = file.replace(/\.openapi\.yaml$/, '');
    const document = parsed.get(id).document;
    core().fillEnums(document, lists);
    const ast = await openapiTS(document, { silent: true });
    const text = `// Generated from specs/${file} by scripts/generate-types.js; do not edit.\n/* eslint-disable */\n${astToString(ast)}`;
    write(path.join(outDir, `${id}.ts`), text);
    if (id === 'admin') write(path.join(consoleDir, 'admin.ts'), text);
    ids.push(id);
  }
  // The admin call typing, written once in mock-server/admin-paths.ts; the console, compiled on its own, gets a copy.
  const adminPaths = fs.readFileSync(path.join(root, 'mock-server', 'admin-paths.ts'), 'utf8').replace("from './generated/admin'", "from './admin.js'");
  write(path.join(consoleDir, 'admin-paths.ts'), `// Copied from mock-server/admin-paths.ts by scripts/generate-types.js; do not edit.\n${adminPaths}`);
  const vendors = facts.map((v) => v.id);
  write(
    path.join(outDir, 'vendors.ts'),
    `// Generated from the specs' info.x-authmock-vendor by scripts/generate-types.js; do not edit.\n` +
      `/** The vendors the mock serves, in their listing order. */\n` +
      `export const VENDOR_IDS = ${JSON.stringify(vendors)} as const;\n\n` +
      `/** A vendor's id: its spec's file name. */\n` +
      `export type VendorId = (typeof VENDOR_IDS)[number];\n\n` +
      `export const isVendorId = (value: string): value is VendorId => (VENDOR_IDS as readonly string[]).includes(value);\n\n` +
      `/** The vendors' names, in their listing order (banner, help). */\n` +
      `export const VENDOR_NAMES: readonly string[] = ${JSON.stringify(facts.map((v) => v.name))};\n\n` +
      `/** Every kind of mail (and of the code it carries) a vendor declares in x-authmock-vendor.mailKinds. */\n` +
      `export const MAIL_KINDS = ${JSON.stringify(lists['mail-kinds'])} as const;\n\n` +
      `export type MailKind = (typeof MAIL_KINDS)[number];\n\n` +
      `export const isMailKind = (value: string): value is MailKind => (MAIL_KINDS as readonly string[]).includes(value);\n`,
  );
  const admin = parsed.get('admin').document;
  // Each vendor's operations, for the console's fault form; sorted so the output only changes with the specs.
  const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
  const operations = Object.fromEntries(
    vendors.map((id) => {
      const ops = [];
      for (const [route, item] of Object.entries(parsed.get(id).document.paths ?? {})) {
        for (const method of METHODS) if (item[method]?.operationId) ops.push({ id: item[method].operationId, method: method.toUpperCase(), path: route });
      }
      return [id, ops.sort((a, b) => a.id.localeCompare(b.id))];
    }),
  );
  const presentation = facts.map((v) => ({ id: v.id, label: v.console.label, ...(v.console.color ? { color: v.console.color } : {}) }));
  write(
    path.join(consoleDir, 'facts.ts'),
    `// Generated from the specs by scripts/generate-types.js; do not edit.\n` +
      `export const VENDORS = ${JSON.stringify(vendors)} as const;\n` +
      `/** How the console shows each vendor (its spec's x-authmock-vendor.console). */\n` +
      `export const VENDOR_PRESENTATION: readonly { id: (typeof VENDORS)[number]; label: string; color?: string }[] = ${JSON.stringify(presentation)};\n` +
      `export const MAIL_KINDS = ${JSON.stringify(lists['mail-kinds'])} as const;\n` +
      `export const STATUSES = ${JSON.stringify(admin.components.schemas.UserStatus.enum)} as const;\n` +
      `/** Each vendor's operations (its spec's operationIds, with method and path), for fault rules. */\n` +
      `export const OPERATIONS: Readonly<Record<(typeof VENDORS)[number], readonly { id: string; method: string; path: string }[]>> = ${JSON.stringify(operations)};\n` +
      `/** The admin spec's TenantName pattern (one rule: contracts/core/tenant-name.ts). */\n` +
      `export const TENANT_NAME = new RegExp(${JSON.stringify(admin.components.schemas.TenantName.pattern)});\n`,
  );
  console.log(`openapi types: ${ids.join(', ')} -> mock-server/generated/, console/src/generated/`);
  await require('./generate-config-types').generateConfigTypes(outDir);
}

main().catch((err) => {
  console.error(`generate-types: ${err.message}`);
  process.exit(1);
});
