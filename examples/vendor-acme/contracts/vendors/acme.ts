import { jsonField, refusedLine } from '../kit/credentials';
import { defineVendorContract } from '../kit/vendor-contracts';

/** Acme's credentialed tier logs in as a test account: CONTRACT_ACME_USERNAME and CONTRACT_ACME_PASSWORD. */
export const contract = defineVendorContract({
  credentials: [
    { name: 'USERNAME', description: 'the e-mail address of an active test account' },
    { name: 'PASSWORD', description: 'its password' },
  ],
  async check({ client, credentials }) {
    const r = await client.call('login', { body: { email: credentials.USERNAME, password: credentials.PASSWORD } });
    if (r.status === 401) return refusedLine('acme', r);
    if (r.status !== 200 || typeof jsonField(r, 'access_token') !== 'string') return `credentials for acme could not be proven: login answered ${r.status}`;
    return undefined;
  },
});
