import crypto from 'node:crypto';
import { jsonField, refusedLine } from '../kit/credentials';
import { defineVendorContract } from '../kit/vendor-contracts';

/** EMnify clients send the SHA-1 hex digest of the password, never the password. */
export const sha1Hex = (s: string): string => crypto.createHash('sha1').update(s).digest('hex');

/** EMnify's credentialed tier authenticates as a test account (CONTRACT_EMNIFY_USERNAME / _PASSWORD). */
export const contract = defineVendorContract({
  credentials: [
    { name: 'USERNAME', description: 'the e-mail address of a test account' },
    { name: 'PASSWORD', description: 'its password, in plain text; the kit sends its SHA-1 digest' },
  ],
  async check({ client, credentials }) {
    const r = await client.call('authenticate', { body: { username: credentials.USERNAME, password: sha1Hex(credentials.PASSWORD) } });
    if (r.status >= 400 && r.status < 500) return refusedLine('emnify', r);
    if (r.status !== 200) return `credentials for emnify could not be proven: authenticate answered ${r.status}`;
    if (typeof jsonField(r, 'auth_token') !== 'string') return 'credentials for emnify were not proven: authenticate answered 200 without an auth_token';
    return undefined;
  },
});
