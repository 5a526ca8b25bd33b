import { sha1Hex } from '../../mock-server/apis/emnify/accounts';
import { createHarness, fixture, type Harness } from '../support/harness';

// One code store serves every vendor of a world: a code mailed by one vendor must mean nothing to another.
let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => expect(h.violations()).toEqual([]));

// accept-user-invitation takes a Bearer token, as the vendor requires: the seeded active user's.
async function emnifyBearer(): Promise<string> {
  const user = fixture('emnify', 'active');
  const res = await h.request.post('/api/v1/authenticate').send({ username: user.username, password: sha1Hex(user.password!) }).expect(200);
  return `Bearer ${res.body.auth_token as string}`;
}
const acceptInvitation = async (activationKey: string) => h.request.post('/api/v2/user/activation').set('Authorization', await emnifyBearer()).send({ activationKey, password: 'password-1' });

const code = (vendor: string, role: string): string => fixture(vendor, role).activationCode ?? fixture(vendor, role).thirdPartyActivationCode!;

describe('a code used at a vendor that did not mail it', () => {
  test.each([
    ['an EMnify activation key at Akana verifySignup', () => h.request.post('/api/users/verifySignup').set('Accept', 'application/json').type('form').send({ signupCode: code('emnify', 'pending activation') }), 400],
    ['an Edge Impulse activation code at Akana completeSignup', () => h.request.post('/api/users/completeSignup').set('Accept', 'application/json').send({ EmailAddress: fixture('akana', 'mid sign-up').email, Password: 'password-1', SignupCode: code('edge-impulse', 'pending activation') }), 400],
    // 403 is the one refusal the vendor lists for accept-user-invitation.
    ['an Akana sign-up code at EMnify v2 activation', () => acceptInvitation(code('akana', 'mid sign-up')), 403],
    ['an Akana sign-up code at EMnify v1 activation', () => h.request.post('/api/v1/user/activation').send({ activationKey: code('akana', 'pending activation'), password: 'password-1' }), 400],
  ])('is refused as a client error, not a server error: %s', async (_name, send, status) => {
    const res = await send();
    expect(res.status).toBe(status);
  });

  test('leaves the code usable at its own vendor', async () => {
    await acceptInvitation(code('akana', 'mid sign-up')).then((r) => expect(r.status).toBe(403));
    const res = await h.request.post('/api/users/verifySignup').set('Accept', 'application/json').type('form').send({ signupCode: code('akana', 'mid sign-up') }).expect(200);
    expect(res.body).toBeDefined();
  });
});
