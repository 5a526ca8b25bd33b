#!/usr/bin/env node
// Writes TypeScript types for every spec in specs/ to mock-server/generated/<id>.ts,
// so handlers and the admin client take their body shapes from the specs, not from casts.
// Run by `npm run build` and `npm run typecheck`; the output is not committed.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

async function main() {
  const { default: openapiTS, astToString } = require('openapi-typescript');
  const root = path.join(__dirname, '..');
  const specDir = path.join(root, 'specs');
  const outDir = path.join(root, 'mock-server', 'generated');
  fs.mkdirSync(outDir, { recursive: true });
  const files = fs.readdirSync(specDir).filter((f) => f.endsWith('.openapi.yaml')).sort();
  const ids = [];
  for (const file of files) {
    const id = file.replace(/\.openapi\.yaml$/, '');
    const ast = await openapiTS(pathToFileURL(path.join(specDir, file)), { silent: true });
    const text = `// Generated from specs/${file} by scripts/generate-types.js; do not edit.\n/* eslint-disable */\n${astToString(ast)}`;
    const target = path.join(outDir, `${id}.ts`);
    // Unchanged output keeps its timestamp, so tsc's incremental checks stay quick.
    if (!fs.existsSync(target) || fs.readFileSync(target, 'utf8') !== text) fs.writeFileSync(target, text);
    ids.push(id);
  }
  console.log(`openapi types: ${ids.join(', ')} -> mock-server/generated/`);
}

main().catch((err) => {
  console.error(`generate-types: ${err.message}`);
  process.exit(1);
});
