import type { OpenAPIV3 } from 'openapi-types';

/**
 * What is known of a vendor besides its API, from its spec's
 * `info.x-authmock-vendor` (see docs/adding-a-vendor.md). A spec with that
 * field is a vendor; every listing of vendors (the mock, the kit, the console,
 * the fixtures) starts here, so none of them names one.
 */
export interface VendorFacts {
  /** The spec's file name without `.openapi.yaml`. */
  id: string;
  /** The name in listings (start-up banner, console, bench). */
  name: string;
  /** Position in listings; Prism mocks of the spec listen on 4010 + order. */
  order: number;
  /** Domain of the fixture accounts' e-mail addresses. */
  mailDomain: string;
  /** The fixture accounts the vendor gets, by role. */
  fixtureRoles: string[];
  /**
   * Roles added after the first accounts were documented: generated after every
   * vendor's `fixtureRoles`, so the accounts made before keep their values.
   */
  laterFixtureRoles: string[];
  /** The kinds of mail (and of the codes they carry) the vendor sends; its module has a template for each. */
  mailKinds: string[];
  /** How the developer console shows the vendor. */
  console: { label: string; color?: string };
  /** The server URL's path, e.g. `/v1`. */
  basePath: string;
  /** The path every operation of the vendor shares, e.g. `/api/users`: where its API lives on the mock. */
  apiPath: string;
}

interface SpecLike {
  name: string;
  document: OpenAPIV3.Document;
  basePath: string;
  operations: readonly { fullPath: string }[];
}

const EXTENSION = 'x-authmock-vendor';

/** The longest run of whole path segments that every path starts with. */
function commonPath(paths: readonly string[]): string {
  if (paths.length === 0) return '';
  const split = paths.map((p) => p.split('/').slice(1));
  const first = split[0];
  let n = 0;
  // The last segment of a single operation is the operation itself, not the API's home.
  while (n < first.length - 1 && split.every((s) => s.length - 1 > n && s[n] === first[n])) n++;
  return first.slice(0, n).map((s) => `/${s}`).join('');
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

/** The vendors among the loaded specs, in their listing order. */
export function vendorFacts(specs: ReadonlyMap<string, SpecLike>): VendorFacts[] {
  const out: VendorFacts[] = [];
  for (const spec of specs.values()) {
    const facts = (spec.document.info as unknown as Record<string, Record<string, unknown> | undefined>)[EXTENSION];
    if (!facts) continue;
    const name = String(facts.name ?? spec.name);
    const presentation = (facts.console ?? {}) as { label?: unknown; color?: unknown };
    out.push({
      id: spec.name,
      name,
      order: Number(facts.order ?? 0),
      mailDomain: String(facts.mailDomain ?? `${spec.name}.example`),
      fixtureRoles: strings(facts.fixtureRoles),
      laterFixtureRoles: strings(facts.laterFixtureRoles),
      mailKinds: strings(facts.mailKinds),
      console: { label: String(presentation.label ?? name), ...(presentation.color === undefined ? {} : { color: String(presentation.color) }) },
      basePath: spec.basePath,
      apiPath: commonPath(spec.operations.map((o) => o.fullPath)),
    });
  }
  return out.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}

/**
 * The lists a schema may ask for with `x-authmock-enum`: a vendor-neutral spec
 * (the admin API) names vendors and mail kinds without listing them, and gets
 * them here from the vendor specs.
 */
export function vendorLists(vendors: readonly VendorFacts[]): Record<string, string[]> {
  return {
    vendors: vendors.map((v) => v.id),
    'mail-kinds': [...new Set(vendors.flatMap((v) => v.mailKinds))],
  };
}

/**
 * Sets `enum` on every schema of a dereferenced document that carries
 * `x-authmock-enum: <list>`. Dereferenced schemas are shared objects, so each
 * is filled once and every use sees it.
 */
export function fillEnums(document: object, lists: Readonly<Record<string, readonly string[]>>): void {
  const seen = new Set<object>();
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    const record = node as Record<string, unknown>;
    const list = record['x-authmock-enum'];
    if (typeof list === 'string') {
      if (!lists[list]) throw new Error(`x-authmock-enum: '${list}' is not a list the specs provide (known: ${Object.keys(lists).join(', ')})`);
      record.enum = [...lists[list]];
    }
    for (const value of Object.values(record)) visit(value);
  };
  visit(document);
}

/** A vendor id as it appears in environment variables: `some-vendor` → `SOME_VENDOR` (CONTRACT_SOME_VENDOR_URL). */
export const envName = (id: string): string => id.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
