import type { OpenAPIV3 } from 'openapi-types';

export type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'options' | 'head' | 'patch' | 'trace';
const METHODS: readonly HttpMethod[] = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

export type SchemaObject = OpenAPIV3.SchemaObject;

export interface MediaSpec {
  schema?: SchemaObject;
  examples: { name: string; value: unknown }[];
}

export interface ResponseSpec {
  status: string;
  description: string;
  /** The vendor does not document this response; the mock infers it. */
  inferred: boolean;
  /** A body is documented but the server may also answer with none. */
  bodyOptional: boolean;
  content: Record<string, MediaSpec>;
  headers: Record<string, { required: boolean; schema?: SchemaObject }>;
}

export interface ParameterSpec {
  name: string;
  in: 'query' | 'header' | 'path' | 'cookie';
  required: boolean;
  schema?: SchemaObject;
}

/** A parsed, dereferenced spec file and its operations. */
export interface LoadedSpec {
  /** File name without `.openapi.yaml`, e.g. `some-vendor`; also the vendor's id. */
  name: string;
  file: string;
  /** The document with every `$ref` resolved. */
  document: OpenAPIV3.Document;
  /** Path part of the first server URL, e.g. `/v1`; `''` when there is none. */
  basePath: string;
  operations: OperationSpec[];
}

/** One operation of a spec, flattened: what the router, validator and contract kit need. */
export interface OperationSpec {
  spec: string;
  operationId: string;
  method: HttpMethod;
  /** The path as written in the spec, e.g. `/api/user/activate`. */
  path: string;
  /** Base path of the server plus the path, e.g. `/v1/api/user/activate`. */
  fullPath: string;
  summary: string;
  /** Effective security: each entry is one alternative; `[]` means public. */
  security: OpenAPIV3.SecurityRequirementObject[];
  securitySchemes: Record<string, OpenAPIV3.SecuritySchemeObject>;
  parameters: ParameterSpec[];
  requestBody?: { required: boolean; content: Record<string, MediaSpec> };
  responses: Record<string, ResponseSpec>;
  /** Vendor extensions of the operation (`x-…`). */
  extensions: Record<string, unknown>;
}

export function extractOperations(spec: string, basePath: string, api: OpenAPIV3.Document): OperationSpec[] {
  const out: OperationSpec[] = [];
  const schemes = (api.components?.securitySchemes ?? {}) as Record<string, OpenAPIV3.SecuritySchemeObject>;
  for (const [p, item] of Object.entries(api.paths ?? {})) {
    if (!item) continue;
    const shared = (item.parameters ?? []) as OpenAPIV3.ParameterObject[];
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      if (!op.operationId) throw new Error(`${spec}: ${method.toUpperCase()} ${p} has no operationId`);
      const params = [...shared, ...((op.parameters ?? []) as OpenAPIV3.ParameterObject[])];
      const body = op.requestBody as OpenAPIV3.RequestBodyObject | undefined;
      out.push({
        spec,
        operationId: op.operationId,
        method,
        path: p,
        fullPath: basePath + p,
        summary: op.summary ?? '',
        security: op.security ?? api.security ?? [],
        securitySchemes: schemes,
        parameters: params.map((x) => ({
          name: x.name,
          in: x.in as ParameterSpec['in'],
          required: x.required === true,
          schema: x.schema as SchemaObject | undefined,
        })),
        requestBody: body ? { required: body.required === true, content: media(body.content) } : undefined,
        responses: Object.fromEntries(
          Object.entries(op.responses ?? {}).map(([status, r]) => [status, response(status, r as OpenAPIV3.ResponseObject)]),
        ),
        extensions: extensions(op),
      });
    }
  }
  return out;
}

function response(status: string, r: OpenAPIV3.ResponseObject): ResponseSpec {
  const ext = extensions(r);
  return {
    status,
    description: r.description,
    inferred: ext['x-inferred'] === true,
    bodyOptional: ext['x-body-optional'] === true,
    content: media(r.content ?? {}),
    headers: Object.fromEntries(
      Object.entries(r.headers ?? {}).map(([name, h]) => {
        const header = h as OpenAPIV3.HeaderObject;
        return [name.toLowerCase(), { required: header.required === true, schema: header.schema as SchemaObject | undefined }];
      }),
    ),
  };
}

function media(content: Record<string, OpenAPIV3.MediaTypeObject>): Record<string, MediaSpec> {
  return Object.fromEntries(
    Object.entries(content).map(([type, m]) => {
      const examples = Object.entries(m.examples ?? {}).map(([name, ex]) => ({
        name,
        value: (ex as OpenAPIV3.ExampleObject).value,
      }));
      if (m.example !== undefined) examples.push({ name: 'example', value: m.example });
      return [type, { schema: m.schema as SchemaObject | undefined, examples }];
    }),
  );
}

function extensions(o: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([k]) => k.startsWith('x-')));
}

/** The spec's first server URL with its variables at their defaults (`https://{hostname}` → the default host), or undefined when it names none. */
export function serverUrl(document: OpenAPIV3.Document): string | undefined {
  const server = document.servers?.[0];
  if (!server) return undefined;
  let url = server.url;
  for (const [key, variable] of Object.entries(server.variables ?? {})) url = url.replace(`{${key}}`, variable.default);
  return url;
}
