import { vendorFacts } from '../../contracts/core/vendors';
import type { ApiModule } from '../http/types';

/**
 * Each vendor module templates exactly the mail kinds its spec declares
 * (`x-authmock-vendor.mailKinds`): the admin API lists those kinds, so a
 * template the spec does not declare could send mail nobody can filter for,
 * and a declared kind without one would fail on first use rather than here.
 */
export function checkMailKinds(specs: Parameters<typeof vendorFacts>[0], modules: readonly ApiModule[]): void {
  const declared = new Map(vendorFacts(specs).map((v) => [v.id, v.mailKinds]));
  const problems: string[] = [];
  for (const m of modules) {
    if (!m.accounts) continue;
    const kinds = declared.get(m.id) ?? [];
    const templated = Object.keys(m.accounts.templates);
    for (const k of templated) if (!kinds.includes(k)) problems.push(`mock-server/apis/${m.id} has a '${k}' mail template, but specs/${m.id}.openapi.yaml does not list '${k}' in x-authmock-vendor.mailKinds`);
    for (const k of kinds) if (!templated.includes(k)) problems.push(`specs/${m.id}.openapi.yaml lists '${k}' in x-authmock-vendor.mailKinds, but mock-server/apis/${m.id} has no template for it`);
  }
  if (problems.length) throw new Error(`The vendor modules do not match their specs' mail kinds:\n  - ${problems.join('\n  - ')}`);
}
