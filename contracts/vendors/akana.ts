import { refusedLine } from '../kit/credentials';
import { defineVendorContract } from '../kit/vendor-contracts';

/** Akana's credentialed tier logs in as a test account (CONTRACT_AKANA_EMAIL / _PASSWORD) and uses the session cookie it gets. */
export const contract = defineVendorContract({
  credentials: [
    { name: 'EMAIL', description: 'the e-mail address of a test account' },
    { name: 'PASSWORD', description: 'its password' },
  ],
  async check({ client, credentials }) {
    const r = await client.call('login', { body: { email: credentials.EMAIL, password: credentials.PASSWORD } });
    if (r.status >= 400 && r.status < 500) return refusedLine('akana', r);
    if (r.status !== 200) return `credentials for akana could not be proven: login answered ${r.status}`;
    if (!/AtmoAuthToken_/.test(r.headers['set-cookie'] ?? '')) return 'credentials for akana were not proven: login answered 200 without an AtmoAuthToken cookie';
    return undefined;
  },
});
