// The module, not contracts/core's index: that also loads the spec loader, which reads files with node:fs.
import { vendorFacts as readVendorFacts, type VendorFacts as Facts } from '../contracts/core/vendors';
import { isMailKind, isVendorId, type MailKind, type VendorId } from './generated/vendors';

export { VENDOR_IDS, isVendorId, type VendorId } from './generated/vendors';

/** A vendor's facts (contracts/core/vendors.ts), its id narrowed to the vendors this build knows. */
export interface VendorFacts extends Facts {
  id: VendorId;
}

/** The domain keeps a mail's kind as a string; every kind it is given comes from a vendor spec's mailKinds. */
export function mailKind(kind: string): MailKind {
  if (!isMailKind(kind)) throw new Error(`'${kind}' is in no vendor spec's x-authmock-vendor.mailKinds`);
  return kind;
}

/** The same for a whole list (saved codes, saved mail), checked in place: a state save copies nothing more for it. */
export function assertMailKinds<T extends { kind: string }>(items: T[]): asserts items is (T & { kind: MailKind })[] {
  for (const item of items) mailKind(item.kind);
}

/** The vendors among the loaded specs, in their listing order. */
export function vendorFacts(specs: Parameters<typeof readVendorFacts>[0]): VendorFacts[] {
  return readVendorFacts(specs).map((v) => {
    if (!isVendorId(v.id)) throw new Error(`specs/${v.id}.openapi.yaml names a vendor that the generated types do not know; run npm run types`);
    return { ...v, id: v.id };
  });
}
