import { loadSpecs, SPEC_BUNDLE_DIR, SPECS_DIR, writeSchemaValidators, writeSpecBundle } from '../contracts/core';
import { discoverApis } from '../mock-server/apis';
import { configSchema } from '../mock-server/config';

/**
 * `npm run build` runs this after the TypeScript build: the specs, validated
 * and dereferenced, and their validators as generated code, into
 * `dist/generated/specs`, which every start then reads (see precompiled.ts).
 */
async function main(): Promise<void> {
  const started = Date.now();
  const specs = await loadSpecs(SPECS_DIR);
  const { validators, bytes } = writeSpecBundle(specs, SPECS_DIR, SPEC_BUNDLE_DIR);
  // The config file's schema, for the vendors the package has.
  writeSchemaValidators([configSchema(discoverApis())], SPEC_BUNDLE_DIR);
  console.log(`precompiled ${specs.size} specs, ${validators} validators, ${(bytes / 1024).toFixed(0)} KiB, in ${Date.now() - started} ms`);
}

if (require.main === module) {
  main().catch((err: Error) => {
    console.error(`cannot precompile the specs: ${err.message}`);
    process.exitCode = 1;
  });
}
