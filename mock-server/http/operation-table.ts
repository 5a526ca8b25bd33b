import type { CompiledOperation, CompiledSpec } from '../../contracts/core/compile';
import type { ApiModule } from './types';

export interface MountedApi {
  module: ApiModule;
  spec: CompiledSpec;
  /** Where the API's state sits in each world's `states`. */
  index: number;
}

/** The operation a request is for, with the path parameters of a templated path, decoded. */
export interface Route {
  api: MountedApi;
  op: CompiledOperation;
  params: Record<string, string>;
}

/** How specific a path segment is: a literal beats a segment mixing text and a parameter, which beats a bare parameter. */
const LITERAL = 2;
const MIXED = 1;
const PARAMETER = 0;

interface Template {
  method: string;
  pattern: RegExp;
  names: string[];
  /** Each segment's kind (LITERAL, MIXED, PARAMETER), for ranking. */
  shape: number[];
  literals: number;
  /**
   * The operation's `x-yields-to-literal-paths`: a path that is some
   * operation's exact path is never this template's, whatever the method (a
   * JAX-RS server picks the literal resource first, so `GET /users/signup`
   * beside `POST /users/signup` and `GET /users/{id}` answers 405).
   */
  yields: boolean;
  api: MountedApi;
  op: CompiledOperation;
}

/**
 * Operations by method and path. Exact paths are one map look-up; only
 * templated paths (`/users/{id}`) are matched by pattern. Express's own router
 * would test every route's pattern on every request, which cost more than the
 * rest of a request put together.
 *
 * Built once at start-up, where two operations on the same method and path
 * (across APIs or within one; `/a/{x}` and `/a/{y}` are the same path) are an
 * error naming both. Templates are tried most specific first, so which one
 * serves a request never depends on the order the specs list them in.
 */
export class OperationTable {
  private readonly exact = new Map<string, Route>();
  /** Exact paths with the methods they have, in spec order: for 405 and OPTIONS. */
  private readonly exactPaths = new Map<string, { api: MountedApi; methods: string[] }>();
  /** Every template, most specific first. */
  private readonly ranked: Template[];
  /** The same, per method, so a request tests only its own method's patterns. */
  private readonly byMethod = new Map<string, Template[]>();

  constructor(apis: readonly MountedApi[]) {
    const seen = new Map<string, CompiledOperation>();
    const duplicates: string[] = [];
    const templates: Template[] = [];
    for (const api of apis) {
      for (const op of api.spec.operations) {
        const method = op.method.toUpperCase();
        // Parameter names do not take part in matching, so `/a/{x}` and `/a/{y}` are one path.
        const key = `${method} ${op.fullPath.replace(/\{[^}]*\}/g, '{}')}`;
        const first = seen.get(key);
        if (first) {
          duplicates.push(`${describe(first)} and ${describe(op)}`);
          continue;
        }
        seen.set(key, op);
        if (op.fullPath.includes('{')) {
          templates.push(template(method, api, op));
        } else {
          this.exact.set(`${method} ${op.fullPath}`, { api, op, params: NO_PARAMS });
          const entry = this.exactPaths.get(op.fullPath) ?? { api, methods: [] };
          entry.methods.push(method);
          this.exactPaths.set(op.fullPath, entry);
        }
      }
    }
    if (duplicates.length) throw new Error(`Operations answer the same method and path:\n  - ${duplicates.join('\n  - ')}`);
    this.ranked = templates.sort(bySpecificity);
    for (const t of this.ranked) {
      const list = this.byMethod.get(t.method) ?? [];
      list.push(t);
      this.byMethod.set(t.method, list);
    }
  }

  find(method: string, path: string): Route | undefined {
    const exact = this.exact.get(`${method} ${path}`);
    if (exact) return exact;
    for (const t of this.byMethod.get(method) ?? NO_TEMPLATES) {
      if (t.yields && this.exactPaths.has(path)) continue;
      const m = t.pattern.exec(path);
      if (m) return { api: t.api, op: t.op, params: Object.fromEntries(t.names.map((n, i) => [n, decode(m[i + 1])])) };
    }
    return undefined;
  }

  /**
   * Every method `find` serves `path` with, and the API whose envelope a 405
   * for it uses: the exact path's, else the most specific matching template's.
   * Undefined when no method is served there (a 404).
   */
  allowed(path: string): { api: MountedApi; methods: string[] } | undefined {
    const exact = this.exactPaths.get(path);
    let api = exact?.api;
    const methods = exact ? [...exact.methods] : [];
    for (const t of this.ranked) {
      if (methods.includes(t.method) || (t.yields && exact) || !t.pattern.test(path)) continue;
      api ??= t.api;
      methods.push(t.method);
    }
    return api && { api, methods };
  }
}

const NO_PARAMS: Record<string, string> = Object.freeze({}) as Record<string, string>;
const NO_TEMPLATES: readonly Template[] = [];

/** `<spec> <operationId> (METHOD /path)`, as start-up errors name an operation. */
function describe(op: CompiledOperation): string {
  return `${op.spec} ${op.operationId} (${op.method.toUpperCase()} ${op.fullPath})`;
}

function template(method: string, api: MountedApi, op: CompiledOperation): Template {
  const names = [...op.fullPath.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
  const source = op.fullPath.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '([^/]+)');
  const shape = op.fullPath
    .split('/')
    .slice(1)
    .map((s) => (!s.includes('{') ? LITERAL : /^\{[^}]*\}$/.test(s) ? PARAMETER : MIXED));
  return { method, pattern: new RegExp(`^${source}$`), names, shape, literals: shape.filter((k) => k === LITERAL).length, yields: op.extensions['x-yields-to-literal-paths'] === true, api, op };
}

/**
 * More literal segments first; then the one whose first differing segment is
 * more literal. Only templates with as many segments can match the same path
 * (a parameter never spans a `/`), and two of the same shape and method are
 * duplicates, refused above. The path breaks the ties left, so the spec order
 * decides nothing but the order `Allow` lists one path's methods in.
 */
function bySpecificity(a: Template, b: Template): number {
  if (a.literals !== b.literals) return b.literals - a.literals;
  for (let i = 0; i < Math.min(a.shape.length, b.shape.length); i++) {
    if (a.shape[i] !== b.shape[i]) return b.shape[i] - a.shape[i];
  }
  return compare(a.op.fullPath, b.op.fullPath);
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
