import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import type { OpenAPIV3 } from 'openapi-types';
import type { AjvKind, ValidateFunction } from './ajv';
import { assembleOperation, validatorPlan, withOperations, type CompiledSpec } from './compile';
import { extractOperations } from './operations';

/** Bumped when what the bundle holds, or how it is built, changes. */
export const BUNDLE_FORMAT = 1;

export interface BundledSpec {
  name: string;
  basePath: string;
  document: OpenAPIV3.Document;
  /** Per operation, in order: the exported names of its validators, in `validatorPlan` order. */
  validators: string[][];
}

/** The precompiled specs (`dist/generated/specs/spec-bundle.json`), as the build writes them. */
export interface SpecBundle {
  format: number;
  sourceHash: string;
  specs: BundledSpec[];
}

/** The generated validator modules of a bundle, by kind: exported name → function. */
export type BundleValidators = Record<AjvKind, Record<string, ValidateFunction>>;

/**
 * The compiled specs of a bundle and its validator modules, however they
 * were loaded: read from `dist/` by Node (precompiled.ts) or imported into a
 * browser bundle (msw/browser.ts). Nothing here touches a file.
 */
export function specsFromBundle(bundle: SpecBundle, modules: BundleValidators, fileOf: (name: string) => string = (name) => `specs/${name}.openapi.yaml`): Map<string, CompiledSpec> {
  if (bundle.format !== BUNDLE_FORMAT) throw new Error(`The precompiled specs have format ${bundle.format}; this version reads format ${BUNDLE_FORMAT}: rebuild them (npm run build)`);
  return new Map(
    bundle.specs.map((s) => {
      const loaded = { name: s.name, file: fileOf(s.name), document: s.document, basePath: s.basePath };
      const operations = extractOperations(s.name, s.basePath, s.document).map((op, i) => {
        const plan = validatorPlan(op);
        const names = s.validators[i];
        return assembleOperation(op, plan, plan.map((p, j) => modules[p.kind][names[j]]));
      });
      return [s.name, withOperations(loaded, operations)];
    }),
  );
}

/**
 * The export name of the build's validator of another schema (the config
 * file's): a hash of the schema's JSON text, so that a lookup finds it only
 * when the schema is exactly the one built. Plain JavaScript, so a browser
 * bundle finds its validators the same way Node does.
 */
export const schemaExportName = (schemaText: string): string => `s_${bytesToHex(sha256(utf8ToBytes(schemaText))).slice(0, 24)}`;
