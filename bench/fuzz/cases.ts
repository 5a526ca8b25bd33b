import fc from 'fast-check';
import { redactHeaders, redactText, type CompiledOperation, type CompiledSpec } from '../../contracts/core';
import { bodyArbitrary, encode, encodingArbitrary, type Encoding, type FuzzBody } from './bodies';
import type { RawRequest } from './http';
import { schemaArbitrary, type SchemaArbitraryOptions } from './schema-arbitrary';

/** One generated request aimed at one operation, with what it was made of (printed when it fails). */
export interface FuzzCase {
  method: string;
  pathKind: string;
  path: string;
  headers: Record<string, string>;
  body?: FuzzBody;
  encoding: Encoding;
  chunked: boolean;
}

export interface CaseContext {
  specs: Map<string, CompiledSpec>;
  /** Strings for string fields: fixture addresses, user names, passwords, codes. */
  dictionary: readonly string[];
  /** Field values that belong together (see SchemaArbitraryOptions.records). */
  records: readonly Readonly<Record<string, string>>[];
  /** Working tokens of every vendor, obtained by logging in before the run. */
  tokens: readonly { spec: string; token: string }[];
  /** Integer caps by property name (see SchemaArbitraryOptions). */
  caps: Readonly<Record<string, number>>;
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE', 'PROPFIND'];

/** The spec's path with each `{param}` filled in. */
function concretePath(path: string, fill: string): string {
  return path.replace(/\{[^}]+\}/g, encodeURIComponent(fill) || 'x');
}

function nearPaths(path: string): string[] {
  const last = path.lastIndexOf('/');
  return [
    `${path}/`,
    path.toUpperCase(),
    path.replace(/\//g, '//'),
    `${path}/extra`,
    path.slice(0, -1),
    `${path.slice(0, last)}/%2e%2e${path.slice(last)}`,
    `${path.slice(0, last)}/..${path.slice(last)}`,
    `${path};jsessionid=1`,
    `${path}%00`,
    `${path}%zz`,
    path.replace(/[a-z]/, (c) => `%${c.charCodeAt(0).toString(16)}`),
    `/__tenants/x${path}`,
  ];
}

function pathArbitrary(op: CompiledOperation, ctx: CaseContext): fc.Arbitrary<{ kind: string; path: string }> {
  const others = [...ctx.specs.values()].flatMap((s) => s.operations.map((o) => o.fullPath));
  const paths = (kind: string, arb: fc.Arbitrary<string>) => arb.map((path) => ({ kind, path }));
  return fc.oneof(
    { arbitrary: paths('known', fc.webSegment().map((s) => concretePath(op.fullPath, s))), weight: 30 },
    { arbitrary: paths('near-known', fc.constantFrom(...nearPaths(op.fullPath))), weight: 3 },
    { arbitrary: paths('another operation', fc.constantFrom(...others)), weight: 1 },
    { arbitrary: paths('random', fc.webPath().map((p) => (p.startsWith('/') ? p : `/${p}`))), weight: 1 },
    { arbitrary: paths('long', fc.integer({ min: 2000, max: 12000 }).map((n) => `${op.fullPath}/${'a'.repeat(n)}`)), weight: 1 },
  );
}

function queryArbitrary(op: CompiledOperation, options: SchemaArbitraryOptions): fc.Arbitrary<string> {
  const params = op.parameters.filter((p) => p.in === 'query');
  const stringify = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v) ?? '');
  const fromSpec = fc.record(
    Object.fromEntries(params.map((p) => [p.name, schemaArbitrary(p.schema, options, p.name).map(stringify)])),
    { requiredKeys: params.filter((p) => p.required).map((p) => p.name) },
  ).map((q) => new URLSearchParams(q as Record<string, string>).toString());
  const names = params.length ? fc.constantFrom(...params.map((p) => p.name)) : fc.webSegment();
  const odd = fc.oneof(
    fc.webQueryParameters(),
    fc.tuple(names, fc.string({ maxLength: 20 })).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}&${encodeURIComponent(k)}=2`),
    names.map((k) => `${k}[a]=1&${k}[b][c]=2`),
    names.map((k) => `${k}=%zz%`),
    names.map((k) => `${k}=${'9'.repeat(400)}`),
  );
  // A capped parameter (a long poll's timeoutMs) is always sent, so that its default never applies.
  const capped = params.filter((p) => options.caps?.[p.name] !== undefined);
  const withCaps = (q: string): string => {
    const present = new URLSearchParams(q);
    const missing = capped.filter((p) => !present.has(p.name)).map((p) => `${p.name}=${options.caps![p.name]}`);
    return [q, ...missing].filter(Boolean).join('&');
  };
  return fc.oneof({ arbitrary: params.length ? fromSpec : fc.constant(''), weight: 6 }, { arbitrary: odd, weight: 1 }).map((q) => withCaps(q)).map((q) => (q ? `?${q}` : ''));
}

function contentTypeArbitrary(body: FuzzBody | undefined): fc.Arbitrary<string | undefined> {
  const own = body?.mediaType ?? 'application/json';
  return fc.oneof(
    { arbitrary: fc.constant(body ? own : undefined), weight: 12 },
    { arbitrary: fc.constantFrom(`${own}; charset=utf-8`, `${own}; charset=latin1`, `${own}; charset=utf-16`, `${own.toUpperCase()}`, `${own};;;`), weight: 2 },
    {
      arbitrary: fc.constantFrom(
        'application/json',
        'application/x-www-form-urlencoded',
        'text/plain',
        'multipart/form-data; boundary=x',
        'application/problem+json',
        'application/vnd.soa.v81+json',
        'garbage',
        '',
        '*/*',
      ),
      weight: 3,
    },
    { arbitrary: fc.constant(undefined), weight: 1 },
  );
}

function credentialHeaders(op: CompiledOperation, ctx: CaseContext): fc.Arbitrary<Record<string, string>> {
  const own = ctx.tokens.filter((t) => t.spec === op.spec).map((t) => t.token);
  const any = ctx.tokens.map((t) => t.token);
  const valid = fc.oneof(
    { arbitrary: own.length ? fc.constantFrom(...own) : fc.constant('no-token'), weight: 4 },
    { arbitrary: any.length ? fc.constantFrom(...any) : fc.constant('no-token'), weight: 1 },
  );
  const value = fc.oneof(
    { arbitrary: valid, weight: 4 },
    { arbitrary: valid.map((t) => `${t.slice(0, -3)}abc`), weight: 1 },
    { arbitrary: valid.map((t) => t.split('.').slice(0, 2).join('.') + '.'), weight: 1 },
    { arbitrary: fc.string({ maxLength: 60, unit: 'grapheme-ascii' }).map((s) => s.replace(/[^\x21-\x7e]/g, '')), weight: 1 },
    { arbitrary: fc.constantFrom('ei_0123456789abcdef', 'eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.', 'null', ''), weight: 1 },
  );
  const schemes = Object.values(op.securitySchemes);
  const perScheme = schemes.map((scheme) =>
    fc.option(
      value.map((v): [string, string] => {
        if (scheme.type === 'http') return ['authorization', `${scheme.scheme === 'bearer' ? 'Bearer' : scheme.scheme} ${v}`];
        if (scheme.type === 'apiKey' && scheme.in === 'cookie') return ['cookie', `${scheme.name}=${v}`];
        if (scheme.type === 'apiKey') return [scheme.name.toLowerCase(), v];
        return ['x-unused', v];
      }),
      { freq: 2 },
    ),
  );
  return fc.tuple(...perScheme).map((pairs) => Object.fromEntries(pairs.filter((p): p is [string, string] => p !== null && p[1] !== '')));
}

const headerValue = fc.string({ maxLength: 40, unit: 'grapheme-ascii' }).map((s) => s.replace(/[^\x20-\x7e]/g, '').trim());

function otherHeaders(op: CompiledOperation): fc.Arbitrary<Record<string, string>> {
  const accepts = [...((op.extensions['x-accept'] as string[] | undefined) ?? []), '*/*', 'application/json', 'text/html', 'application/xml', 'application/*', ''];
  return fc.record(
    {
      accept: fc.constantFrom(...accepts),
      origin: fc.constantFrom('http://localhost:3000', 'http://127.0.0.1:5173', 'https://evil.example', 'null'),
      cookie: headerValue.map((v) => v.replace(/[;]/g, '') + '; jwt=' + v),
      'x-forwarded-for': fc.constant('203.0.113.9'),
      'x-authmock-tenant': fc.constantFrom('fuzz', '../x', ''),
      extra: fc.tuple(fc.stringMatching(/^x-[a-z0-9-]{1,20}$/), headerValue),
    },
    { requiredKeys: [] },
  ).map((h) => {
    const { extra, ...rest } = h;
    const out: Record<string, string> = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== ''));
    if (extra) out[extra[0]] = extra[1];
    return out;
  });
}

/** Every request the fuzz sends at one operation. */
export function caseArbitrary(op: CompiledOperation, ctx: CaseContext): fc.Arbitrary<FuzzCase> {
  // A vendor's operations get that vendor's accounts; the admin API gets all of them.
  const own = ctx.records.filter((r) => r.vendor === op.spec);
  const options: SchemaArbitraryOptions = { dictionary: ctx.dictionary, caps: ctx.caps, records: own.length ? own : ctx.records };
  const method = fc.oneof({ arbitrary: fc.constant(op.method.toUpperCase()), weight: 17 }, { arbitrary: fc.constantFrom(...METHODS), weight: 3 });
  return fc
    .record({
      method,
      path: pathArbitrary(op, ctx),
      query: queryArbitrary(op, options),
      body: bodyArbitrary(op, options),
      encoding: encodingArbitrary,
      chunked: fc.boolean(),
      credentials: credentialHeaders(op, ctx),
      other: fc.oneof({ arbitrary: fc.constant({}), weight: 3 }, { arbitrary: otherHeaders(op), weight: 2 }),
    })
    .chain((c) =>
      contentTypeArbitrary(c.body).map((contentType): FuzzCase => {
        const headers: Record<string, string> = { ...c.other, ...c.credentials };
        if (contentType !== undefined) headers['content-type'] = contentType;
        const body = c.body;
        if (body && c.encoding.header !== undefined) headers['content-encoding'] = c.encoding.header;
        return { method: c.method, pathKind: c.path.kind, path: c.path.path + c.query, headers, body, encoding: c.encoding, chunked: c.chunked && body !== undefined };
      }),
    );
}

export function toRawRequest(c: FuzzCase): RawRequest {
  return { method: c.method, path: c.path, headers: c.headers, body: c.body ? encode(c.body.bytes, c.encoding) : undefined, chunked: c.chunked };
}

/**
 * A short, printable account of a case: bodies cut to 300 characters, tokens
 * and passwords redacted as everywhere else (the seed and path replay the
 * exact request).
 */
export function describeCase(c: FuzzCase): string {
  const body = c.body ? `${c.body.kind}, ${c.body.bytes.length} bytes: ${JSON.stringify(redactText(c.body.bytes.toString('utf8').slice(0, 300)))}` : 'none';
  return [
    `${c.method} ${c.path.length > 300 ? `${c.path.slice(0, 300)}…` : c.path} (${c.pathKind} path)`,
    `headers ${JSON.stringify(redactHeaders(c.headers))}`,
    `body ${body}`,
    `encoding ${c.encoding.name}${c.chunked ? ', chunked' : ''}`,
  ].join('\n    ');
}
