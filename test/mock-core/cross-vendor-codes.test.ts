import { createHarness, fixture, type Harness } from '../support/harness';

// One code store serves every vendor of a world: a code mailed by one vendor must mean nothing to another.
let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => expect(h.violations()).toEqual([]));

const code = (vendor: string, role: string): string => fixture(vendor, role).activationCode ?? fixture(vendor, role).thirdPartyActivationCode!;

describe('a code used at a vendor that did not mail it', () => {
  test.each([
    ['an EMnify activation key at Akana verifySignup', () => h.request.post('/api/users/verifySignup').set('Accept', 'application/json').type('form').send({ signupCode: code('emnify', 'pending activation') }), 400],
    ['an Edge Impulse activation code at Akana completeSignup', () => h.request.post('/api/users/completeSignup').set('Accept', 'application/json').send({ EmailAddress: fixture('akana', 'mid sign-up').email, Password: 'password-1', SignupCode: code('edge-impulse', 'pending activation') }), 400],
    ['an Akana sign-up code at EMnify v2 activation', () => h.request.post('/api/v2/user/activation').send({ activationKey: code('akana', 'mid sign-up'), password: 'password-1' }), 422],
    ['an Akana sign-up code at EMnify v1 activation', () => h.request.post('/api/v1/user/activation').send({ activationKey: code('akana', 'pending activation'), password: 'password-1' }), 400],
  ])('is refused as a client error, not a server error: %s', async (_name, send, status) => {
    const res = await send();
    expect(res.status).toBe(status);
  });

  test('leaves the code usable at its own vendor', async () => {
    await h.request.post('/api/v2/user/activation').send({ activationKey: code('akana', 'mid sign-up'), password: 'password-1' });
    const res = await h.request.post('/api/users/verifySignup').set('Accept', 'application/json').type('form').send({ signupCode: code('akana', 'mid sign-up') }).expect(200);
    expect(res.body).toBeDefined();
  });
});
