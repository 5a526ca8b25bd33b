import type { Accounts } from '../accounts';
import type { CodeKind } from '../code-store';

/**
 * A flow needs the vendor to mail codes of its kind. Checked when the flow is
 * composed, at start-up, so a vendor folder that forgot a template fails there
 * with its name, not on the first request.
 */
export function requireKind(accounts: Accounts, kind: CodeKind, flow: string): void {
  if (!accounts.sends(kind)) {
    throw new Error(`${accounts.vendor} composes the ${flow} flow, which mails '${kind}' codes: add '${kind}' to its spec's x-authmock-vendor.mailKinds, a template and a code lifetime`);
  }
}
