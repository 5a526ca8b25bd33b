import { readUint32BE } from '../../domain/bytes';
import { sha256Of } from '../../domain/digests';

export type Verdict = 'Valid' | 'Risky' | 'Invalid';

export interface EmailValidation {
  email: string;
  verdict: Verdict;
  score: number;
  local?: string;
  host?: string;
}

// Each verdict's band of scores; the address's hash picks the point inside it.
const BANDS: Record<Verdict, [number, number]> = { Invalid: [0, 0.3], Risky: [0.3, 0.7], Valid: [0.7, 1] };
const HOST = /^(?=.{1,253}$)[a-z0-9-]+(\.[a-z0-9-]+)+$/i;

/**
 * The mock's validateEmail rule (x-inferred in the spec, which states it in
 * full): the same address, in any case, always gets the same answer, so a test
 * can rely on it; `.invalid` hosts and local parts with `risky` let a test pick
 * the other verdicts.
 */
export function validateEmail(email: string): EmailValidation {
  const parts = email.split('@');
  const [local, host] = parts.length === 2 ? parts : [undefined, undefined];
  let verdict: Verdict;
  if (!local || !host || !HOST.test(host) || /\.invalid$/i.test(host)) verdict = 'Invalid';
  else if (/risky/i.test(local)) verdict = 'Risky';
  else verdict = 'Valid';
  const fraction = readUint32BE(sha256Of(email.toLowerCase())) / 2 ** 32;
  const [low, high] = BANDS[verdict];
  // Rounded down, so that a score never reaches the next band.
  const score = Math.floor((low + fraction * (high - low)) * 1e5) / 1e5;
  return { email, verdict, score, ...(local !== undefined && host !== undefined ? { local, host } : {}) };
}
