#!/usr/bin/env node
// The browser builds of `authmock/msw`: ES modules holding the engine, the precompiled specs, every
// vendor folder and the fixtures. dist/browser/authmock-msw.js imports msw (the app's own copy, for
// a bundler: Vite, Storybook); authmock-msw.standalone.js holds msw too, so a page loads it with
// <script type="module"> and no bundler. Run by `npm run build` after the TypeScript build.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');

const ROOT = path.join(__dirname, '..');
const OUT_DIR = path.join(ROOT, 'dist', 'browser');
const BUILDS = [
  { file: 'authmock-msw.js', external: ['msw', 'msw/*'] },
  { file: 'authmock-msw.standalone.js', external: [] },
];
const SPECS = path.join(ROOT, 'dist', 'generated', 'specs');

/** The entry, written from what is on disk now: a vendor is a spec and a folder, so the lists are found, not kept. */
function entrySource() {
  const apisDir = path.join(ROOT, 'mock-server', 'apis');
  const apis = fs.readdirSync(apisDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  // Fixtures in the order the Node loader reads them: by vendor id as the specs list them.
  const { VENDOR_IDS } = require(path.join(ROOT, 'dist', 'mock-server', 'generated', 'vendors.js'));
  const fixtures = VENDOR_IDS.filter((id) => fs.existsSync(path.join(ROOT, 'fixtures', `${id}.json`)));
  const q = (p) => JSON.stringify(p.split(path.sep).join('/'));
  return [
    `import bundle from ${q(path.join(SPECS, 'spec-bundle.json'))};`,
    `import * as body from ${q(path.join(SPECS, 'body-validators.js'))};`,
    `import * as parameter from ${q(path.join(SPECS, 'parameter-validators.js'))};`,
    `import * as schemaValidators from ${q(path.join(SPECS, 'schema-validators.js'))};`,
    ...apis.map((name, i) => `import { api as api${i} } from ${q(path.join(apisDir, name))};`),
    ...fixtures.map((id, i) => `import fixtures${i} from ${q(path.join(ROOT, 'fixtures', `${id}.json`))};`),
    `import { browserCreateHandlers } from ${q(path.join(ROOT, 'mock-server', 'msw', 'browser'))};`,
    `export const createHandlers = browserCreateHandlers({ bundle, validators: { body, parameter }, schemaValidators, apis: [${apis.map((_, i) => `api${i}`).join(', ')}], fixtures: [${fixtures.map((_, i) => `...fixtures${i}`).join(', ')}] });`,
    `export { setupWorker } from 'msw/browser';`,
    `export { http, HttpResponse, passthrough } from 'msw';`,
  ].join('\n');
}

async function buildOne({ file, external }, contents) {
  const outfile = path.join(OUT_DIR, file);
  await esbuild.build({
    stdin: { contents, resolveDir: ROOT, sourcefile: 'authmock-msw-entry.ts', loader: 'ts' },
    external,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'eof',
    outfile,
    logLevel: 'warning',
    tsconfig: path.join(ROOT, 'tsconfig.json'),
  });
  const bytes = fs.statSync(outfile).size;
  console.log(`browser bundle: ${path.relative(ROOT, outfile)}, ${(bytes / 1024).toFixed(0)} KiB`);
  return bytes;
}

async function buildBrowser() {
  const contents = entrySource();
  const sizes = {};
  for (const b of BUILDS) sizes[b.file] = await buildOne(b, contents);
  return sizes;
}

module.exports = { buildBrowser, OUT_DIR };

if (require.main === module) {
  buildBrowser().catch((err) => {
    console.error(err.message);
    process.exitCode = 1;
  });
}
