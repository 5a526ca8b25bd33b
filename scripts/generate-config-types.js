#!/usr/bin/env node
// Writes mock-server/generated/config.ts: the settings' TypeScript types, generated with
// json-schema-to-typescript from the schemas AJV checks a configuration against
// (mock-server/core-settings-schema.ts and each mock-server/apis/<id>/settings-schema.ts),
// so the types cannot drift from the schemas. Run at the end of scripts/generate-types.js;
// `node scripts/generate-config-types.js DIR` writes into DIR instead (the up-to-date test).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { requireTs } = require('./require-ts');

const ROOT = path.join(__dirname, '..');
const APIS = path.join(ROOT, 'mock-server', 'apis');
/** The file an API folder keeps its settings schema in (export SETTINGS_SCHEMA); folders without one have no settings. */
const SCHEMA_FILE = 'settings-schema.ts';

/** `edge-impulse` → `EdgeImpulseSettings`. */
const typeName = (id) =>
  `${id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0].toUpperCase() + word.slice(1))
    .join('')}Settings`;

/** Each API folder that has a settings schema: its id (the folder's name) and schema. */
function apiSchemas() {
  return fs
    .readdirSync(APIS, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(APIS, d.name, SCHEMA_FILE)))
    .map((d) => d.name)
    .sort()
    .map((id) => {
      const settings = requireTs(path.join(APIS, id, SCHEMA_FILE)).SETTINGS_SCHEMA;
      if (!settings) throw new Error(`mock-server/apis/${id}/${SCHEMA_FILE} does not export SETTINGS_SCHEMA`);
      return { id, settings };
    });
}

/** The text of mock-server/generated/config.ts, for the APIs `apiSchemas()` found. */
async function configTypesText(apis) {
  const { compile } = require('json-schema-to-typescript');
  const { CORE_CONFIG_SCHEMA, configSchema } = requireTs(path.join(ROOT, 'mock-server', 'core-settings-schema.ts'));
  const names = apis.map((a) => typeName(a.id));
  const clash = names.find((n, i) => names.indexOf(n) !== i || n === 'CoreSettings' || n === 'ApiSettings');
  if (clash) throw new Error(`two settings types would both be named ${clash}; rename an API folder`);
  const options = { bannerComment: '', format: true };
  // Titles only name the generated types; the schemas AJV compiles carry none.
  const core = await compile({ ...structuredClone(CORE_CONFIG_SCHEMA), title: 'CoreSettings' }, 'CoreSettings', options);
  // The very schema resolveConfig validates against when given every API.
  const whole = structuredClone(configSchema(apis));
  whole.title = 'MockConfig';
  whole.properties.apis.title = 'ApiSettings';
  apis.forEach((a, i) => (whole.properties.apis.properties[a.id].title = names[i]));
  const mock = await compile(whole, 'MockConfig', options);
  return (
    `// Generated from mock-server/core-settings-schema.ts and mock-server/apis/*/${SCHEMA_FILE}\n` +
    `// by scripts/generate-config-types.js; do not edit.\n/* eslint-disable */\n\n` +
    `/** The shared settings alone, as their schema defaults them (\`apis\` empty). */\n${core}\n` +
    `/** The effective configuration: the shared settings and each API's section. */\n${mock}`
  );
}

/** Writes config.ts into outDir, only when its text changed (an unchanged file keeps tsc's incremental checks quick). */
async function generateConfigTypes(outDir = path.join(ROOT, 'mock-server', 'generated')) {
  const apis = apiSchemas();
  const text = await configTypesText(apis);
  const target = path.join(outDir, 'config.ts');
  fs.mkdirSync(outDir, { recursive: true });
  if (!fs.existsSync(target) || fs.readFileSync(target, 'utf8') !== text) fs.writeFileSync(target, text);
  console.log(`config types: core, ${apis.map((a) => a.id).join(', ')} -> ${path.relative(ROOT, target)}`);
}

module.exports = { generateConfigTypes };

if (require.main === module) {
  generateConfigTypes(process.argv[2] ? path.resolve(process.argv[2]) : undefined).catch((err) => {
    console.error(`generate-config-types: ${err.message}`);
    process.exit(1);
  });
}
