import type { CompiledSpec } from '../core';
import { ContractClient, UnreachableError, type CallResult, type ClientOptions } from './client';
import { missingCredentials, vendorCredentials, vendorVariable, type KitEnvironment } from './environment';
import { vendorContract } from './vendor-contracts';

/**
 * Proves that the credentials of the credentialed tier work before it runs.
 * A stale JWT or a wrong password would otherwise make every credentialed
 * call answer a documented 401, and the run would be green while proving
 * nothing. Each check makes one call; its exchange is not part of the report.
 */
export interface CredentialVerdict {
  vendor: string;
  /** Undefined when the credentials worked (or there were none to check); else the one line to fail with. */
  refusal?: string;
}

/** A field of a JSON answer, or undefined when the answer has no such field (never a TypeError). */
export function jsonField(result: Pick<CallResult, 'json'>, name: string): unknown {
  const json = result.json;
  return json !== null && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>)[name] : undefined;
}

/** The line for credentials a target refused: which variables to check. */
export function refusedLine(vendor: string, result: Pick<CallResult, 'status'>): string {
  const names = vendorContract(vendor).credentials.map((c) => vendorVariable(vendor, c.name));
  return `credentials for ${vendor} were refused (${result.status}): check ${names.join(' and ')}`;
}

/**
 * Checks every vendor's credentials that are set in full. `bases` are the
 * vendors' API bases; a vendor that cannot be reached is left to the
 * reachability check.
 */
export async function checkCredentials(env: KitEnvironment, specs: ReadonlyMap<string, CompiledSpec>, bases: Readonly<Record<string, string>>, client: Omit<ClientOptions, 'headers'> = {}): Promise<CredentialVerdict[]> {
  const checks = Object.entries(bases).flatMap(([vendor, base]) => {
    const { check, credentials } = vendorContract(vendor);
    const spec = specs.get(vendor);
    if (!check || !spec || credentials.length === 0 || missingCredentials(env, vendor)) return [];
    return [{ vendor, run: () => check({ spec, client: new ContractClient(spec, base, { ...client, checks: [] }), credentials: vendorCredentials(env, vendor) }) }];
  });
  return Promise.all(
    checks.map(async ({ vendor, run }) => {
      try {
        return { vendor, refusal: await run() };
      } catch (err) {
        if (err instanceof UnreachableError) return { vendor };
        throw err;
      }
    }),
  );
}
