import { defineVendorContract } from '../kit/vendor-contracts';
import { refusedLine } from '../kit/credentials';

/** Edge Impulse's credentialed tier runs with a JWT of a test account (CONTRACT_EDGE_IMPULSE_JWT). */
export const contract = defineVendorContract({
  credentials: [{ name: 'JWT', description: 'a JWT of a test account; it may have expired' }],
  async check({ spec, client, credentials }) {
    const headers = { 'x-jwt-token': credentials.JWT };
    // getCurrentUser where the spec has it; otherwise a lookup of an unknown code, which changes nothing.
    const r = spec.byOperationId.has('getCurrentUser')
      ? await client.call('getCurrentUser', { headers })
      : await client.call('getUserByThirdPartyActivationCode', { body: { activationCode: 'contract-credential-check' }, headers });
    return r.status === 401 || r.status === 403 ? refusedLine('edge-impulse', r) : undefined;
  },
});
