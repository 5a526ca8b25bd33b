import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { LoginApi } from 'edge-impulse-api/build/library/sdk/api/loginApi';
import { UserApi, UserApiApiKeys } from 'edge-impulse-api/build/library/sdk/api/userApi';
import { currentTotp } from '../../mock-server/domain/totp';
import { createHarness, fixture, lastMail, type Harness } from '../support/harness';

// The vendor's own generated client against the mock: its models and its error
// handling (it throws on success: false) hold the mock to the real service's shapes.
const active = fixture('edge-impulse', 'active');

let h: Harness;
let server: http.Server;
let base: string;
beforeEach(async () => {
  h = await createHarness();
  server = http.createServer(h.handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterEach(async () => {
  await new Promise((resolve) => server.close(resolve));
  expect(h.violations()).toEqual([]);
});

async function userApiFor(username: string, password: string, totpToken?: string): Promise<UserApi> {
  const { token } = await new LoginApi(base).login({ username, password, totpToken });
  const api = new UserApi(base);
  api.setApiKey(UserApiApiKeys.JWTHttpHeaderAuthentication, token);
  return api;
}

test('LoginApi.login and UserApi.getCurrentUser give the model the client declares', async () => {
  const user = await (await userApiFor(active.username!, active.password!)).getCurrentUser({ excludeProjects: true });
  expect(user).toMatchObject({ success: true, username: active.username, email: active.email, activated: true, passwordConfigured: true, tier: 'free' });
  expect(Number.isNaN(new Date(user.created).getTime())).toBe(false);
});

test('the client throws the vendor error for wrong credentials', async () => {
  await expect(new LoginApi(base).login({ username: active.username!, password: 'wrong-password' })).rejects.toThrow('Username or password incorrect');
});

test('sign-up, activation, password change and login with the new password through the client', async () => {
  const created = await new UserApi(base).createUser({
    name: 'Client User',
    username: 'client-user',
    email: 'client.user@edgeimpulse.example',
    password: 'client-password-1',
    privacyPolicy: true,
    turnstileResponse: 'turnstile-token',
  });
  expect(created).toMatchObject({ success: true, id: expect.any(Number) });
  const api = await userApiFor('client-user', 'client-password-1');
  await api.activateCurrentUser({ code: lastMail(h, 'client.user@edgeimpulse.example').code });
  await api.changePasswordCurrentUser({ currentPassword: 'client-password-1', newPassword: 'client-password-2' });
  await expect(userApiFor('client-user', 'client-password-1')).rejects.toThrow();
  expect((await (await userApiFor('client-user', 'client-password-2')).getCurrentUser()).activated).toBe(true);
});

test('password reset through the client', async () => {
  const user = new UserApi(base);
  await user.requestResetPassword({ email: active.email });
  const { code } = lastMail(h, active.email);
  await user.verifyResetPassword({ email: active.email, code });
  await user.resetPassword({ email: active.email, code, newPassword: 'reset-password-1' });
  await userApiFor(active.username!, 'reset-password-1');
});

test('TOTP MFA set up and torn down through the client', async () => {
  const api = await userApiFor(active.username!, active.password!);
  const { key } = await api.userGenerateNewTotpMfaKey();
  const { recoveryCodes } = await api.userSetTotpMfaKey({ key, totpToken: currentTotp(key, h.clock.now()) });
  expect(recoveryCodes.length).toBeGreaterThan(0);
  await expect(userApiFor(active.username!, active.password!)).rejects.toThrow(/^ERR_TOTP_TOKEN IS REQUIRED/);
  await api.userDeleteTotpMfaKey({ totpToken: currentTotp(key, h.clock.now()) });
  await userApiFor(active.username!, active.password!);
});
