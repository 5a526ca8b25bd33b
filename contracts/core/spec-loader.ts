import fs from 'node:fs';
import path from 'node:path';
import type { OpenAPIV3 } from 'openapi-types';
import { extractOperations, serverUrl, type LoadedSpec } from './operations';
import { compileSpec, type CompiledSpec } from './compile';
import { readSpecBundle } from './precompiled';
import { boundRequestStrings } from './string-bounds';
import { fillEnums, vendorFacts, vendorLists } from './vendors';

export type { LoadedSpec };

/** The package's `specs/` folder, found from here both in the sources and in the compiled `dist/`. */
export const SPECS_DIR = findPackageFolder(__dirname, 'specs');

/** A top-level folder of the package (`specs`, `fixtures`), found from `from` up, in the sources and in `dist/` alike. */
export function findPackageFolder(from: string, name: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, name);
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`No ${name}/ folder above ${from}`);
  }
}
const SUFFIX = '.openapi.yaml';

export interface LoadOptions {
  /**
   * Validate the document against the OpenAPI 3.0 schema (default true). The
   * mock's start-up skips it to start fast: `npm test` validates every spec,
   * and dereferencing and compiling still fail on a broken one.
   */
  validate?: boolean;
  /**
   * Use the bundle `npm run build` wrote (`dist/generated/specs`) when it was
   * made from exactly these spec files (default true); false compiles them.
   */
  precompiled?: boolean;
}

/** Where the build writes the precompiled specs: `dist/generated/specs` of the package. */
export const SPEC_BUNDLE_DIR = path.join(path.dirname(SPECS_DIR), 'dist', 'generated', 'specs');

/** Parses, validates as OpenAPI and dereferences one spec file. */
export async function loadSpec(file: string, options: LoadOptions = {}): Promise<LoadedSpec> {
  const name = path.basename(file).replace(SUFFIX, '');
  let api: OpenAPIV3.Document;
  // Loaded when a spec is compiled, not at every start: the build's bundle (precompiled.ts) needs no parser.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- required late on purpose
  const SwaggerParser = require('@apidevtools/swagger-parser') as typeof import('@apidevtools/swagger-parser');
  try {
    // validate() also resolves every $ref; it throws on an invalid document.
    api = (await (options.validate === false ? SwaggerParser.dereference(file) : SwaggerParser.validate(file))) as OpenAPIV3.Document;
  } catch (err) {
    throw new Error(`Spec ${file} is not a valid OpenAPI document: ${(err as Error).message}`);
  }
  const basePath = serverBasePath(api);
  const operations = extractOperations(name, basePath, api);
  boundRequestStrings(api, operations);
  return { name, file, document: api, basePath, operations };
}

/** Every `*.openapi.yaml` in a folder, keyed by name. */
export async function loadSpecs(dir: string = SPECS_DIR, options: LoadOptions = {}): Promise<Map<string, LoadedSpec>> {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(SUFFIX))
    .sort();
  const specs = new Map((await Promise.all(files.map((f) => loadSpec(path.join(dir, f), options)))).map((s) => [s.name, s]));
  // Lists that a vendor-neutral spec leaves to the vendor specs (the admin API's vendors and mail kinds).
  const lists = vendorLists(vendorFacts(specs));
  for (const spec of specs.values()) fillEnums(spec.document, lists);
  return specs;
}

function serverBasePath(api: OpenAPIV3.Document): string {
  const url = serverUrl(api);
  if (url === undefined) return '';
  const pathname = new URL(url, 'http://placeholder').pathname.replace(/\/+$/, '');
  return pathname === '/' ? '' : pathname;
}

/** Loads and compiles every spec once; the mock and the contract kit share the result. */
export async function loadCompiledSpecs(dir: string = SPECS_DIR, options: LoadOptions = {}): Promise<Map<string, CompiledSpec>> {
  const bundled = options.precompiled === false ? undefined : bundleOf(dir);
  if (bundled) return bundled;
  const loaded = await loadSpecs(dir, options);
  return new Map([...loaded].map(([name, spec]) => [name, compileSpec(spec)]));
}

/**
 * The compiled specs of the package, at once and without parsing any YAML:
 * from the bundle the build wrote. For callers that cannot wait (msw
 * handlers built at a test file's top level); throws when there is no
 * up-to-date bundle, naming the command that makes one.
 */
export function loadCompiledSpecsSync(dir: string = SPECS_DIR): Map<string, CompiledSpec> {
  const bundled = bundleOf(dir);
  if (!bundled) throw new Error(`No precompiled specs match ${dir}: run \`npm run build\` (an installed package ships them)`);
  return bundled;
}

// One read per folder and process: every `startMock()` of a test worker shares it. The specs are never changed once loaded.
const bundles = new Map<string, Map<string, CompiledSpec> | undefined>();
function bundleOf(dir: string): Map<string, CompiledSpec> | undefined {
  if (!bundles.has(dir)) bundles.set(dir, readSpecBundle(dir, SPEC_BUNDLE_DIR));
  return bundles.get(dir);
}
