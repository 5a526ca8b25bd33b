'use strict';
// The vendors the mock serves, read from the specs' `info.x-authmock-vendor`, in their listing order,
// for the plain-JavaScript scripts: the same reading as the TypeScript side (contracts/core/vendors.ts).
const fs = require('node:fs');
const path = require('node:path');
const SwaggerParser = require('@apidevtools/swagger-parser');
const { requireTs } = require('./require-ts');

const ROOT = path.join(__dirname, '..');
const SPECS = path.join(ROOT, 'specs');
const core = () => requireTs(path.join(ROOT, 'contracts', 'core', 'vendors.ts'));

function serverBasePath(doc) {
  const url = new URL((doc.servers && doc.servers[0] && doc.servers[0].url) || '/', 'http://placeholder');
  return url.pathname.replace(/\/+$/, '');
}

/** Every spec of a folder, parsed but not dereferenced (so `$ref`s stay for type generation), by name. */
async function parseSpecs(dir = SPECS) {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.openapi.yaml')).sort();
  const specs = new Map();
  for (const f of files) {
    const file = path.join(dir, f);
    const document = await SwaggerParser.parse(file);
    specs.set(f.replace(/\.openapi\.yaml$/, ''), { name: f.replace(/\.openapi\.yaml$/, ''), file, document, basePath: serverBasePath(document), operations: [] });
  }
  return specs;
}

/** `parsed`: the folder's specs when the caller has parsed them already (parseSpecs). @returns {Promise<{id: string, name: string, order: number, file: string, basePath: string, mailKinds: string[], console: {label: string, color?: string}}[]>} */
async function loadVendors(dir = SPECS, parsed = undefined) {
  const specs = parsed ?? (await parseSpecs(dir));
  return core()
    .vendorFacts(specs)
    .map((v) => ({ ...v, file: specs.get(v.id).file }));
}

/** `some-vendor` → `SOME_VENDOR`, as in CONTRACT_SOME_VENDOR_URL (the kit's own rule). */
const envName = (id) => core().envName(id);

module.exports = { loadVendors, parseSpecs, envName, core };
