import fs from 'node:fs';
import path from 'node:path';
import type { CompiledSpec } from '../core';
import type { ContractClient } from './client';

/** A credential the credentialed tier of a vendor needs, read from `CONTRACT_<VENDOR>_<name>`. */
export interface CredentialSpec {
  /** Upper case, e.g. `JWT` or `PASSWORD`. */
  name: string;
  /** What to set it to, for the line that says it is missing. */
  description: string;
}

/**
 * What a vendor brings to the contract kit besides its suite: the
 * credentials its credentialed tier needs and how to prove them with one call
 * before that tier runs (a stale token would otherwise make every
 * credentialed call a documented 401 and the run green while proving nothing).
 * One file a vendor: `contracts/vendors/<id>.ts`.
 */
export interface VendorContract {
  credentials: readonly CredentialSpec[];
  /** Proves the credentials; resolves to the one line to fail with, or undefined when they work. */
  check?(call: { spec: CompiledSpec; client: ContractClient; credentials: Readonly<Record<string, string>> }): Promise<string | undefined>;
}

export const defineVendorContract = (contract: VendorContract): VendorContract => contract;

const NO_CONTRACT: VendorContract = { credentials: [] };

/** Where the vendors' contract files are, beside this folder both in the sources and in `dist/`. */
export const VENDOR_CONTRACTS_DIR = path.join(__dirname, '..', 'vendors');

const cache = new Map<string, VendorContract>();

/** A vendor's contract file, or none (a vendor whose operations need no credentials may have none). */
export function vendorContract(vendor: string, dir = VENDOR_CONTRACTS_DIR): VendorContract {
  const key = path.join(dir, vendor);
  let found = cache.get(key);
  if (!found) {
    const file = ['.js', '.ts'].map((ext) => key + ext).find((f) => fs.existsSync(f));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    found = file ? ((require(file) as { contract?: VendorContract }).contract ?? NO_CONTRACT) : NO_CONTRACT;
    cache.set(key, found);
  }
  return found;
}
