import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { _ } from 'ajv';
import standaloneCode from 'ajv/dist/standalone';
import { createAjv, type AjvKind, type ValidateFunction } from './ajv';
import { BUNDLE_FORMAT, schemaExportName, specsFromBundle, type BundledSpec, type BundleValidators, type SpecBundle } from './bundle';
import { validatorPlan, type CompiledSpec } from './compile';
import type { LoadedSpec } from './operations';

/**
 * The specs, dereferenced and with every validator compiled, written at build
 * time (`npm run build`) so that a start reads JSON and requires generated
 * code instead of parsing YAML, resolving `$ref`s and compiling schemas (most
 * of a start's time). The bundle names the exact text of the spec files it
 * was made from; when they differ (a spec edited since the build, a vendor's
 * spec added to the folder) it is not used and the specs are compiled as before.
 */

const SUFFIX = '.openapi.yaml';
export const BUNDLE_FILE = 'spec-bundle.json';
const MODULES: Record<AjvKind, string> = { body: 'body-validators.js', parameter: 'parameter-validators.js' };

/** An Ajv of the kind that keeps each validator's source for standalone code. */
function generatingAjv(kind: AjvKind) {
  // Formats are required by the generated code from the package that defines them, as at run time.
  return createAjv(kind, { code: { source: true, formats: _`require("ajv-formats/dist/formats").fullFormats` } });
}

/** The spec files of a folder and one hash of their names and exact text. */
export function specSourceHash(dir: string): string {
  const hash = createHash('sha256').update(`format ${BUNDLE_FORMAT}\n`);
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(SUFFIX)).sort()) {
    hash.update(`${file}\n`).update(fs.readFileSync(path.join(dir, file))).update('\n');
  }
  return hash.digest('hex');
}

/** Writes the bundle of `specs` (as `loadSpecs` gives them, from `dir`) into `outDir`. */
export function writeSpecBundle(specs: ReadonlyMap<string, LoadedSpec>, dir: string, outDir: string): { validators: number; bytes: number } {
  const ajvs = { body: generatingAjv('body'), parameter: generatingAjv('parameter') };
  const exported: Record<AjvKind, Record<string, string>> = { body: {}, parameter: {} };
  let count = 0;
  const bundled: BundledSpec[] = [...specs.values()].map((spec) => ({
    name: spec.name,
    basePath: spec.basePath,
    document: spec.document,
    validators: spec.operations.map((op) =>
      validatorPlan(op).map(({ kind, schema, where }) => {
        const name = `v${count++}`;
        try {
          ajvs[kind].addSchema(schema, name);
          ajvs[kind].getSchema(name);
        } catch (err) {
          throw new Error(`Cannot compile the schema of ${where}: ${(err as Error).message}`);
        }
        exported[kind][name] = name;
        return name;
      }),
    ),
  }));
  fs.mkdirSync(outDir, { recursive: true });
  let bytes = 0;
  for (const kind of ['body', 'parameter'] as const) {
    const code = standaloneCode(ajvs[kind], exported[kind]);
    fs.writeFileSync(path.join(outDir, MODULES[kind]), code);
    bytes += code.length;
  }
  const json = JSON.stringify({ format: BUNDLE_FORMAT, sourceHash: specSourceHash(dir), specs: bundled } satisfies SpecBundle);
  fs.writeFileSync(path.join(outDir, BUNDLE_FILE), json);
  return { validators: count, bytes: bytes + json.length };
}

/**
 * The compiled specs of `dir` from the bundle in `bundleDir`, or undefined when
 * there is none or it was made from other spec files.
 */
export function readSpecBundle(dir: string, bundleDir: string): Map<string, CompiledSpec> | undefined {
  const file = path.join(bundleDir, BUNDLE_FILE);
  if (!fs.existsSync(file)) return undefined;
  const bundle = JSON.parse(fs.readFileSync(file, 'utf8')) as SpecBundle;
  if (bundle.format !== BUNDLE_FORMAT || bundle.sourceHash !== specSourceHash(dir)) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- generated CommonJS modules, named at run time
  const modules = { body: require(path.join(bundleDir, MODULES.body)), parameter: require(path.join(bundleDir, MODULES.parameter)) } as BundleValidators;
  return specsFromBundle(bundle, modules, (name) => path.join(dir, `${name}${SUFFIX}`));
}

const SCHEMAS_MODULE = 'schema-validators.js';

/**
 * Body validators of other schemas known at build time (the config file's),
 * exported under a hash of each schema's JSON text, so that a start finds the
 * one it needs only when the schema is exactly the one built.
 */
export function writeSchemaValidators(schemas: readonly object[], outDir: string): void {
  const ajv = generatingAjv('body');
  const names: Record<string, string> = {};
  for (const schema of schemas) {
    const name = schemaExportName(JSON.stringify(schema));
    ajv.addSchema(schema, name);
    names[name] = name;
  }
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, SCHEMAS_MODULE), standaloneCode(ajv, names));
}

/** The build's validator of the schema whose JSON text is `schemaText`, or undefined when none was built for it. */
export function precompiledValidator(schemaText: string, bundleDir: string): ValidateFunction | undefined {
  const file = path.join(bundleDir, SCHEMAS_MODULE);
  if (!fs.existsSync(file)) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a generated CommonJS module
  return (require(file) as Record<string, ValidateFunction | undefined>)[schemaExportName(schemaText)];
}
