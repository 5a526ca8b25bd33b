/**
 * Answers that a fault rule of the target produced, not the target's own
 * behaviour: authmock marks them with `X-Authmock-Fault: <rule id>` (or
 * `prefer` when a `Prefer:` request header forced them; `storage` or
 * `capacity` for the mock's own refusals). They are reported
 * on their own and never judged against the spec.
 */
export const FAULT_HEADER = 'x-authmock-fault';

/** The fault rule id an answer carries, or undefined for an answer of the target's own. */
export function faultOf(headers: Record<string, string | string[] | undefined>): string | undefined {
  const raw = headers[FAULT_HEADER];
  const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  return value ? value : undefined;
}
