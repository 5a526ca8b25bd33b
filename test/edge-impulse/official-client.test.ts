import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { EmailVerificationApi } from 'edge-impulse-api/build/library/sdk/api/emailVerificationApi';
import { LoginApi } from 'edge-impulse-api/build/library/sdk/api/loginApi';
import { UserApi, UserApiApiKeys } from 'edge-impulse-api/build/library/sdk/api/userApi';
import type { GetUserResponse } from 'edge-impulse-api/build/library/sdk/model/getUserResponse';
import type { ValidateEmailResponse } from 'edge-impulse-api/build/library/sdk/model/validateEmailResponse';
import { currentTotp } from '../../mock-server/domain/totp';
import { createHarness, fixture, lastMail, type Harness } from '../support/harness';

// The vendor's own generated client against the mock: its models and its error
// handling (it throws on success: false) hold the mock to the real service's shapes.
const active = fixture('edge-impulse', 'active');
const mfa = fixture('edge-impulse', 'active, MFA enabled');
const noPassword = fixture('edge-impulse', 'signed up without a password');

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

test("updateCurrentUser's fields come back from getCurrentUser, with the optional fields in the client's model", async () => {
  const api = await userApiFor(active.username!, active.password!);
  await api.updateCurrentUser({ name: 'Client Name', companyName: 'Client Co', projectsSortOrder: 'name-desc', timezone: 'UTC', experiments: ['beta'] });
  // Typed by the client's own model, so the answer must fit it.
  const user: GetUserResponse = await api.getCurrentUser();
  expect(user).toMatchObject({ name: 'Client Name', companyName: 'Client Co', projectsSortOrder: 'name-desc', timezone: 'UTC', permissions: [], whitelabels: [], idps: [], evaluation: false, ambassador: false, hasPendingPayments: false });
  expect(user.experiments.map((e) => e.type)).toEqual(['beta']);
});

test('deleteCurrentUser: the client sees ERR_TOTP_TOKEN IS REQUIRED for an MFA user, then deletes, and the account is gone', async () => {
  const api = await userApiFor(mfa.username!, mfa.password!, currentTotp(mfa.mfaSecret!, h.clock.now()));
  await expect(api.deleteCurrentUser({ password: mfa.password })).rejects.toThrow(/^ERR_TOTP_TOKEN IS REQUIRED/);
  await api.deleteCurrentUser({ password: mfa.password, totpToken: currentTotp(mfa.mfaSecret!, h.clock.now()) });
  await expect(api.getCurrentUser()).rejects.toThrow();
  await expect(userApiFor(mfa.username!, mfa.password!, currentTotp(mfa.mfaSecret!, h.clock.now()))).rejects.toThrow('Username or password incorrect');
});

test('getUserNeedToSetPassword and getSSODomainIdPs through the client, which URL-encodes the address', async () => {
  const state = await new UserApi(base).getUserNeedToSetPassword(noPassword.email);
  expect(state).toMatchObject({ success: true, email: noPassword.email, needPassword: true, idps: [] });
  expect(await new LoginApi(base).getSSODomainIdPs(noPassword.email)).toEqual({ success: true, idps: [], needsPasswordSetup: true });
  await expect(new UserApi(base).getUserNeedToSetPassword('nobody@nowhere.example')).rejects.toThrow('User not found');
});

test('EmailVerificationApi: request a code, verify it from the mailbox, read the status, validate an address', async () => {
  const emails = new EmailVerificationApi(base);
  const address = 'client+verify@somewhere.example';
  const { id } = await emails.requestEmailVerification(address, { redirectUrl: 'https://studio.edgeimpulse.com/signup' });
  expect(await emails.getEmailVerificationStatus(id)).toEqual({ success: true, verified: false });
  expect(await emails.verifyEmail({ code: lastMail(h, address).code })).toEqual({ success: true, email: address, redirectUrl: 'https://studio.edgeimpulse.com/signup' });
  expect((await emails.getEmailVerificationStatus(id)).verified).toBe(true);
  const verdict: ValidateEmailResponse = await emails.validateEmail({ email: address });
  expect(verdict).toMatchObject({ email: address, verdict: 'Valid', local: 'client+verify', host: 'somewhere.example' });
  await expect(emails.verifyEmail({ code: 'wrong-code' })).rejects.toThrow('Invalid or expired code');
});

test('verifySignupApproval through the client with the code mailed to the approver', async () => {
  const user = new UserApi(base);
  await user.createUser({ name: 'Approved', username: 'approved-user', email: 'approved@edgeimpulse.example', password: 'approved-password', privacyPolicy: true, turnstileResponse: 't', approverEmail: 'approver@edgeimpulse.example' });
  expect(await user.verifySignupApproval({ code: lastMail(h, 'approver@edgeimpulse.example').code })).toEqual({ success: true, username: 'approved-user', email: 'approved@edgeimpulse.example' });
});
