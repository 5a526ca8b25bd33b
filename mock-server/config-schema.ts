import { bodyAjv, type ErrorObject, type ValidateFunction } from '../contracts/core/ajv';
import type { SettingsSchema } from './settings-schema';

export type { SettingsSchema } from './settings-schema';

/** Refuses a configuration, naming the source, every bad JSON pointer and what is allowed there. */
export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: readonly { pointer: string; message: string }[],
  ) {
    super(`${source} is not a valid configuration:\n${problems.map((p) => `  ${p.pointer || '/'}: ${p.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The defaults a schema declares: its own `default`, else an object of its properties' defaults. */
export function defaultsOf(schema: SettingsSchema): unknown {
  if (schema.default !== undefined) return structuredClone(schema.default);
  if (!schema.properties) return undefined;
  const out: Json = {};
  for (const [key, sub] of Object.entries(schema.properties)) {
    const value = defaultsOf(sub);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** `override` over `base`, object by object: a nested setting given alone keeps its siblings' defaults. Arrays and scalars replace. */
export function deepMerge(base: unknown, override: unknown): unknown {
  if (override === undefined) return structuredClone(base);
  if (!isObject(base) || !isObject(override)) return structuredClone(override);
  const out: Json = structuredClone(base);
  for (const [key, value] of Object.entries(override)) out[key] = deepMerge(base[key], value);
  return out;
}

/** Edit distance, for "did you mean" on a misspelt key. */
export function levenshtein(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length];
}

/** The known key nearest to a typo, if it is near enough to be what was meant. */
export function closestKey(typo: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let distance = Infinity;
  for (const k of known) {
    const d = levenshtein(typo.toLowerCase(), k.toLowerCase());
    if (d < distance) [best, distance] = [k, d];
  }
  return best !== undefined && distance <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}

const unescape = (s: string): string => s.replace(/~1/g, '/').replace(/~0/g, '~');

function schemaAt(schema: SettingsSchema, pointer: string): SettingsSchema | undefined {
  let node: SettingsSchema | undefined = schema;
  for (const part of pointer.split('/').slice(1).map(unescape)) {
    if (!node) return undefined;
    node = node.properties?.[part] ?? (node.items && /^\d+$/.test(part) ? node.items : undefined);
  }
  return node;
}

function allowed(node: SettingsSchema | undefined): string {
  if (!node) return 'nothing here';
  // A setting of several shapes has the types of its shapes.
  const types = node.type ?? node.oneOf?.flatMap((shape) => shape.type ?? []);
  const type = Array.isArray(types) ? types.join(' or ') : (types ?? 'any value');
  const bounds = [node.minimum !== undefined ? `≥ ${node.minimum}` : '', node.maximum !== undefined ? `≤ ${node.maximum}` : ''].filter(Boolean).join(' and ');
  if (node.enum) return `one of ${node.enum.map((v) => JSON.stringify(v)).join(', ')}`;
  if (node.properties) return `an object with ${Object.keys(node.properties).join(', ')}`;
  if (type === 'array') return `an array${node.items ? ` of ${allowed(node.items).replace(/^an? /, '')}s` : ''}`;
  return `${type === 'integer' ? 'an integer' : `a ${type}`}${bounds ? ` ${bounds}` : ''}`;
}

function describe(e: ErrorObject, schema: SettingsSchema, value: unknown): { pointer: string; message: string } {
  if (e.keyword === 'additionalProperties') {
    const key = String(e.params.additionalProperty);
    const known = Object.keys(schemaAt(schema, e.instancePath)?.properties ?? {});
    const guess = closestKey(key, known);
    return {
      pointer: `${e.instancePath}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`,
      message: `unknown key '${key}'${guess ? ` (did you mean '${guess}'?)` : ''}; allowed keys: ${known.join(', ')}`,
    };
  }
  const node = schemaAt(schema, e.instancePath);
  let actual: unknown = value;
  for (const part of e.instancePath.split('/').slice(1).map(unescape)) actual = isObject(actual) || Array.isArray(actual) ? (actual as Json)[part] : undefined;
  return { pointer: e.instancePath, message: `${JSON.stringify(actual)} is not allowed (${e.message ?? e.keyword}); allowed: ${allowed(node)}` };
}

// Keyed by the schema's text: createApp composes the schema anew each time, and compiling costs more than the rest of a start.
const compiled = new Map<string, ValidateFunction>();

/** A validator the build compiled for a schema (by the schema's text), or undefined to compile it here. */
export type PrecompiledValidators = (schemaText: string) => ValidateFunction | undefined;
let precompiled: PrecompiledValidators = () => undefined;

/**
 * Where the validators compiled at build time are found. They are files of
 * the package (dist/generated/specs), read with node:fs, so the Node side
 * names them (create-app.ts) and this module stays free of Node; without
 * them a schema is compiled when first used, with the same result.
 */
export function usePrecompiledValidators(lookup: PrecompiledValidators): void {
  precompiled = lookup;
}

/**
 * The effective settings: the schema's defaults with `input` merged over them
 * object by object, checked with the shared AJV set-up. Throws ConfigError
 * naming `source` and each problem's JSON pointer.
 */
export function resolveSettings<T>(schema: SettingsSchema, input: unknown, source: string): T {
  if (input !== undefined && !isObject(input)) throw new ConfigError(source, [{ pointer: '', message: 'the configuration must be a JSON object' }]);
  const merged = deepMerge(defaultsOf(schema), input);
  const key = JSON.stringify(schema);
  let validate = compiled.get(key);
  // The build compiled the schema of the vendors it saw (dist/generated/specs); another set of vendors compiles here.
  if (!validate) compiled.set(key, (validate = precompiled(key) ?? bodyAjv().compile(schema)));
  if (!validate(merged)) {
    const problems = (validate.errors ?? []).map((e) => describe(e, schema, merged));
    const unique = problems.filter((p, i) => problems.findIndex((q) => q.pointer === p.pointer && q.message === p.message) === i);
    throw new ConfigError(source, unique);
  }
  // Callers name as T the type generated from this very schema (mock-server/generated/config.ts), and AJV
  // has just checked the value against it: the cast states what the check proved.
  return merged as T;
}

const formatDefault = (v: unknown): string => (v === undefined ? '' : `\`${JSON.stringify(v)}\``);

/** The settings as a Markdown table (dotted path, default, allowed values, description), for the README. */
export function settingsTable(schema: SettingsSchema): string {
  const rows: string[] = ['| setting | default | allowed | what it does |', '|---|---|---|---|'];
  const walk = (node: SettingsSchema, path: string): void => {
    // A leaf, or an object whose default is given whole, is one row; other objects list their settings.
    if (node.properties && node.default === undefined) {
      for (const [key, sub] of Object.entries(node.properties)) walk(sub, path ? `${path}.${key}` : key);
      return;
    }
    rows.push(`| \`${path}\` | ${formatDefault(defaultsOf(node))} | ${allowed(node)} | ${node.description ?? ''} |`);
  };
  walk(schema, '');
  return rows.join('\n');
}
