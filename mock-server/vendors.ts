import type { OpenAPIV3 } from 'openapi-types';
import { isVendorId, type VendorId } from './generated/vendors';

export { VENDOR_IDS, isVendorId, type VendorId } from './generated/vendors';

/** What the mock knows of a vendor besides its API, from its spec's `info.x-authmock-vendor`. */
export interface VendorFacts {
  id: VendorId;
  /** The name in listings (start-up banner, bench). */
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

/** The vendors among the loaded specs (those with `info.x-authmock-vendor`), in their listing order. */
export function vendorFacts(specs: ReadonlyMap<string, SpecLike>): VendorFacts[] {
  const out: VendorFacts[] = [];
  for (const spec of specs.values()) {
    const facts = (spec.document.info as unknown as Record<string, unknown>)['x-authmock-vendor'] as Partial<VendorFacts> | undefined;
    if (!facts) continue;
    if (!isVendorId(spec.name)) throw new Error(`specs/${spec.name}.openapi.yaml names a vendor that the generated types do not know; run npm run types`);
    out.push({
      id: spec.name,
      name: String(facts.name ?? spec.name),
      order: Number(facts.order ?? 0),
      mailDomain: String(facts.mailDomain ?? `${spec.name}.example`),
      fixtureRoles: (facts.fixtureRoles ?? []).map(String),
      laterFixtureRoles: (facts.laterFixtureRoles ?? []).map(String),
      basePath: spec.basePath,
      apiPath: commonPath(spec.operations.map((o) => o.fullPath)),
    });
  }
  return out.sort((a, b) => a.order - b.order);
}
