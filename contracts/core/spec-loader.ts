import fs from 'node:fs';
import path from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPIV3 } from 'openapi-types';
import { extractOperations, type OperationSpec } from './operations';

export interface LoadedSpec {
  /** File name without `.openapi.yaml`, e.g. `edge-impulse`; also the vendor's id. */
  name: string;
  file: string;
  /** The document with every `$ref` resolved. */
  document: OpenAPIV3.Document;
  /** Path part of the first server URL, e.g. `/v1`; `''` when there is none. */
  basePath: string;
  operations: OperationSpec[];
}

export const SPECS_DIR = path.resolve(__dirname, '..', '..', 'specs');
const SUFFIX = '.openapi.yaml';

/** Parses, validates as OpenAPI and dereferences one spec file. */
export async function loadSpec(file: string): Promise<LoadedSpec> {
  const name = path.basename(file).replace(SUFFIX, '');
  let api: OpenAPIV3.Document;
  try {
    // validate() also resolves every $ref; it throws on an invalid document.
    api = (await SwaggerParser.validate(file)) as OpenAPIV3.Document;
  } catch (err) {
    throw new Error(`Spec ${file} is not a valid OpenAPI document: ${(err as Error).message}`);
  }
  const basePath = serverBasePath(api);
  return { name, file, document: api, basePath, operations: extractOperations(name, basePath, api) };
}

/** Every `*.openapi.yaml` in a folder, keyed by name. */
export async function loadSpecs(dir: string = SPECS_DIR): Promise<Map<string, LoadedSpec>> {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(SUFFIX))
    .sort();
  const specs = await Promise.all(files.map((f) => loadSpec(path.join(dir, f))));
  return new Map(specs.map((s) => [s.name, s]));
}

function serverBasePath(api: OpenAPIV3.Document): string {
  const server = api.servers?.[0];
  if (!server) return '';
  let url = server.url;
  for (const [key, variable] of Object.entries(server.variables ?? {})) url = url.replace(`{${key}}`, variable.default);
  const pathname = new URL(url, 'http://placeholder').pathname.replace(/\/+$/, '');
  return pathname === '/' ? '' : pathname;
}
