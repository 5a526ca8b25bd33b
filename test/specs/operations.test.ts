import { compileSpec, loadSpecs, type CompiledSpec } from '../../contracts/core';

// What the vendors publish for each operation the project emulates: the seed
// operations first, then the neighbours a whole flow needs.
const JWT_ONLY = [{ JWTAuthentication: [] }, { JWTHttpHeaderAuthentication: [] }];
const PUBLIC: never[] = [];
const BEARER = [{ bearerAuth: [] }];
const AKANA_SESSION = [{ AtmoAuthToken: [] }];

const OPERATIONS = [
  // spec, operationId, method, path, full path, security
  ['edge-impulse', 'requestActivationCodeCurrentUser', 'post', '/api/user/request-activation', '/v1/api/user/request-activation', JWT_ONLY],
  ['edge-impulse', 'activateUserByThirdPartyActivationCode', 'post', '/api/user/activate-by-third-party-activation-code', '/v1/api/user/activate-by-third-party-activation-code', JWT_ONLY],
  ['edge-impulse', 'resetPassword', 'post', '/api-user-reset-password', '/v1/api-user-reset-password', PUBLIC],
  ['emnify', 'user_activation_post', 'post', '/api/v1/user/activation', '/api/v1/user/activation', PUBLIC],
  ['emnify', 'user_activation_resend_post', 'post', '/api/v1/user/activation_resend', '/api/v1/user/activation_resend', PUBLIC],
  ['emnify', 'user_password_patch', 'patch', '/api/v1/user/password', '/api/v1/user/password', BEARER],
  ['akana', 'resendActivation', 'post', '/api/users/resendActivation', '/api/users/resendActivation', PUBLIC],
  ['edge-impulse', 'login', 'post', '/api-login', '/v1/api-login', PUBLIC],
  ['edge-impulse', 'requestResetPassword', 'post', '/api-user-request-reset-password', '/v1/api-user-request-reset-password', PUBLIC],
  ['edge-impulse', 'verifyResetPassword', 'post', '/api-user-verify-reset-password-code', '/v1/api-user-verify-reset-password-code', PUBLIC],
  ['edge-impulse', 'activateCurrentUser', 'post', '/api/user/activate', '/v1/api/user/activate', JWT_ONLY],
  ['edge-impulse', 'getUserByThirdPartyActivationCode', 'post', '/api/user/by-third-party-activation-code', '/v1/api/user/by-third-party-activation-code', JWT_ONLY],
  ['emnify', 'authenticate', 'post', '/api/v1/authenticate', '/api/v1/authenticate', PUBLIC],
  // Round 2: the rest of each vendor's sign-up, login and password story.
  ['edge-impulse', 'createUser', 'post', '/api-user-create', '/v1/api-user-create', PUBLIC],
  ['edge-impulse', 'getCurrentUser', 'get', '/api/user', '/v1/api/user', JWT_ONLY],
  ['edge-impulse', 'changePasswordCurrentUser', 'post', '/api/user/change-password', '/v1/api/user/change-password', JWT_ONLY],
  ['edge-impulse', 'userGenerateNewTotpMfaKey', 'post', '/api/user/mfa/totp/create-key', '/v1/api/user/mfa/totp/create-key', JWT_ONLY],
  ['edge-impulse', 'userSetTotpMfaKey', 'post', '/api/user/mfa/totp/set-key', '/v1/api/user/mfa/totp/set-key', JWT_ONLY],
  ['edge-impulse', 'userDeleteTotpMfaKey', 'post', '/api/user/mfa/totp/clear', '/v1/api/user/mfa/totp/clear', JWT_ONLY],
  ['emnify', 'post-mfa', 'post', '/api/v1/user/mfa', '/api/v1/user/mfa', BEARER],
  ['emnify', 'user-mfa-by-id-patch', 'patch', '/api/v1/user/mfa/{key_id}', '/api/v1/user/mfa/{key_id}', BEARER],
  ['emnify', 'user-mfa-by-user-id-and-key-id-delete', 'delete', '/api/v1/user/{user_id}/mfa/{key_id}', '/api/v1/user/{user_id}/mfa/{key_id}', BEARER],
  ['emnify', 'user-by-id-get', 'get', '/api/v1/user/{user_id}', '/api/v1/user/{user_id}', BEARER],
  ['emnify', 'accept-user-invitation', 'post', '/api/v2/user/activation', '/api/v2/user/activation', BEARER],
  ['akana', 'login', 'post', '/api/login', '/api/login', PUBLIC],
  ['akana', 'signupUser', 'post', '/api/users/signupUser', '/api/users/signupUser', PUBLIC],
  ['akana', 'verifySignup', 'post', '/api/users/verifySignup', '/api/users/verifySignup', PUBLIC],
  ['akana', 'completeSignup', 'post', '/api/users/completeSignup', '/api/users/completeSignup', PUBLIC],
  ['akana', 'sendPasswordResetCode', 'post', '/api/passwordmanagement/sendPasswordResetCode', '/api/passwordmanagement/sendPasswordResetCode', PUBLIC],
  ['akana', 'validatePasswordResetCode', 'post', '/api/passwordmanagement/validatePasswordResetCode', '/api/passwordmanagement/validatePasswordResetCode', PUBLIC],
  ['akana', 'authenticateWithPasswordResetCode', 'post', '/api/login/authenticateWithPasswordResetCode', '/api/login/authenticateWithPasswordResetCode', PUBLIC],
  // Round 3: the rest of Edge Impulse's account story.
  ['edge-impulse', 'updateCurrentUser', 'post', '/api/user', '/v1/api/user', JWT_ONLY],
  ['edge-impulse', 'deleteCurrentUser', 'delete', '/api/user', '/v1/api/user', JWT_ONLY],
  ['edge-impulse', 'getUserNeedToSetPassword', 'get', '/api-user-need-to-set-password/{usernameOrEmail}', '/v1/api-user-need-to-set-password/{usernameOrEmail}', PUBLIC],
  ['edge-impulse', 'requestEmailVerification', 'post', '/api/emails/{email}/request-verification', '/v1/api/emails/{email}/request-verification', PUBLIC],
  ['edge-impulse', 'verifyEmail', 'post', '/api/emails/verify', '/v1/api/emails/verify', PUBLIC],
  ['edge-impulse', 'validateEmail', 'post', '/api/emails/validate', '/v1/api/emails/validate', PUBLIC],
  ['edge-impulse', 'getEmailVerificationStatus', 'get', '/api/emails/{emailId}', '/v1/api/emails/{emailId}', PUBLIC],
  ['edge-impulse', 'verifySignupApproval', 'post', '/api/signup-approval/verify', '/v1/api/signup-approval/verify', PUBLIC],
  ['edge-impulse', 'getSSODomainIdPs', 'get', '/api-sso/{usernameOrEmail}', '/v1/api-sso/{usernameOrEmail}', PUBLIC],
  // Round 3: EMnify's account story (users, invitations, application tokens, trusted devices, MFA look-ups).
  ['emnify', 'user-per-page-sort-by-q-and-page-post', 'post', '/api/v1/user', '/api/v1/user', BEARER],
  ['emnify', 'user-by-id-patch', 'patch', '/api/v1/user/{user_id}', '/api/v1/user/{user_id}', BEARER],
  ['emnify', 'user-by-id-delete', 'delete', '/api/v1/user/{user_id}', '/api/v1/user/{user_id}', BEARER],
  ['emnify', 'user-v-2-invitation', 'post', '/api/v2/user/invitation', '/api/v2/user/invitation', BEARER],
  ['emnify', 'application-token-get', 'get', '/api/v1/application_token', '/api/v1/application_token', BEARER],
  ['emnify', 'application-token-post', 'post', '/api/v1/application_token', '/api/v1/application_token', BEARER],
  ['emnify', 'application-token-by-id-patch', 'patch', '/api/v1/application_token/{app_token_id}', '/api/v1/application_token/{app_token_id}', BEARER],
  ['emnify', 'user-mfa-trusted-device-by-user-id-get', 'get', '/api/v1/user/{user_id}/mfa/trusted_device', '/api/v1/user/{user_id}/mfa/trusted_device', BEARER],
  ['emnify', 'user-mfa-trusted-device-by-user-id-and-device-id-delete', 'delete', '/api/v1/user/{user_id}/mfa/trusted_device/{device_id}', '/api/v1/user/{user_id}/mfa/trusted_device/{device_id}', BEARER],
  ['emnify', 'user-mfa-status-get', 'get', '/api/v1/user/mfa/status', '/api/v1/user/mfa/status', BEARER],
  ['emnify', 'user-mfa-type-get', 'get', '/api/v1/user/mfa/type', '/api/v1/user/mfa/type', BEARER],
  // Round 3: Akana's sessions and its users' own operations.
  ['akana', 'endSession', 'get', '/api/login/endsession', '/api/login/endsession', AKANA_SESSION],
  ['akana', 'logout', 'post', '/api/login/logout', '/api/login/logout', AKANA_SESSION],
  ['akana', 'renewToken', 'post', '/api/login/renewToken', '/api/login/renewToken', AKANA_SESSION],
  ['akana', 'getUser', 'get', '/api/users/{UserID}', '/api/users/{UserID}', AKANA_SESSION],
  ['akana', 'modifyUser', 'put', '/api/users/{UserID}', '/api/users/{UserID}', AKANA_SESSION],
  ['akana', 'deleteUser', 'delete', '/api/users/{UserID}', '/api/users/{UserID}', AKANA_SESSION],
  ['akana', 'signupUserWithInvitationCode', 'post', '/api/users/signupUser/{InvitationCode}', '/api/users/signupUser/{InvitationCode}', PUBLIC],
  ['akana', 'modifyPassword', 'put', '/api/users/{UserID}/password', '/api/users/{UserID}/password', AKANA_SESSION],
] as const;

let specs: Map<string, CompiledSpec>;
beforeAll(async () => {
  specs = new Map([...(await loadSpecs()).entries()].map(([k, v]) => [k, compileSpec(v)]));
});

describe('vendor operations', () => {
  test.each(OPERATIONS)('%s %s is %s %s (served at %s) with the documented security', (spec, operationId, method, path, fullPath, security) => {
    const op = specs.get(spec)!.byOperationId.get(operationId);
    expect(op).toBeDefined();
    expect({ method: op!.method, path: op!.path, fullPath: op!.fullPath, security: op!.security }).toEqual({ method, path, fullPath, security });
  });

  test('each vendor spec holds exactly the listed operations', () => {
    for (const name of ['edge-impulse', 'emnify', 'akana']) {
      const listed = OPERATIONS.filter(([s]) => s === name).map(([, id]) => id).sort();
      expect([name, specs.get(name)!.operations.map((o) => o.operationId).sort()]).toEqual([name, listed]);
    }
  });

  // Unique within a spec: each API module keys its handlers by them. Across specs a name may repeat
  // (Edge Impulse's createUser and the admin API's), as the vendors chose their names independently.
  test.each(['edge-impulse', 'emnify', 'akana', 'admin'])('operationIds are unique within %s, so its handlers can be keyed by them', (name) => {
    const ids = specs.get(name)!.operations.map((o) => o.operationId);
    expect(ids.length).toBe(new Set(ids).size);
  });

  test('the Edge Impulse security schemes are the documented ones', () => {
    const schemes = specs.get('edge-impulse')!.operations[0].securitySchemes;
    expect(schemes.ApiKeyAuthentication).toMatchObject({ type: 'apiKey', in: 'header', name: 'x-api-key' });
    expect(schemes.JWTAuthentication).toMatchObject({ type: 'apiKey', in: 'cookie', name: 'jwt' });
    expect(schemes.JWTHttpHeaderAuthentication).toMatchObject({ type: 'apiKey', in: 'header', name: 'x-jwt-token' });
  });

  test('EMnify uses HTTP bearer JWTs', () => {
    const op = specs.get('emnify')!.byOperationId.get('user_password_patch')!;
    expect(op.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  });

  test('every status that no vendor documents is marked x-inferred with a reason', () => {
    // Edge Impulse documents only 200; anything else on its operations is the mock's guess.
    for (const op of specs.get('edge-impulse')!.operations) {
      for (const r of Object.values(op.responses)) {
        if (r.status !== '200') expect([op.operationId, r.status, r.inferred, r.description.length > 20]).toEqual([op.operationId, r.status, true, true]);
      }
    }
  });
});

describe('request rules stated in the schemas', () => {
  const body = (spec: string, id: string) => specs.get(spec)!.byOperationId.get(id)!.bodyValidators;

  test.each([
    ['edge-impulse', 'activateUserByThirdPartyActivationCode', { activationCode: 'c', username: 'jan_jongboom', password: 'longenough' }, true],
    // The username and password rules are the vendor's prose, enforced by the server, not the schema.
    ['edge-impulse', 'activateUserByThirdPartyActivationCode', { activationCode: 'c', username: '_jan', password: 'short' }, true],
    ['edge-impulse', 'activateUserByThirdPartyActivationCode', { activationCode: 'c', username: 'jan_jongboom' }, false],
    ['edge-impulse', 'resetPassword', { email: 'a@b.c', code: 'x', newPassword: '1234567' }, true],
    ['edge-impulse', 'changePasswordCurrentUser', { currentPassword: 'a', newPassword: 'b' }, true],
    ['edge-impulse', 'changePasswordCurrentUser', { newPassword: 'b' }, false],
    ['edge-impulse', 'createUser', { name: 'Jan', username: 'jan', email: 'j@e.x', privacyPolicy: true, turnstileResponse: 't' }, true],
    ['edge-impulse', 'createUser', { name: 'Jan', username: 'jan', email: 'j@e.x', privacyPolicy: true }, false],
    ['edge-impulse', 'userSetTotpMfaKey', { key: 'K', totpToken: '123456' }, true],
    ['edge-impulse', 'userDeleteTotpMfaKey', {}, false],
    ['edge-impulse', 'login', { username: 'jan', password: 'p', ssoType: 'browser' }, true],
    ['edge-impulse', 'login', { username: 'jan', password: 'p', ssoType: 'desktop' }, false],
    ['emnify', 'user_activation_post', { activationKey: 'k', password: 'longenough' }, true],
    ['emnify', 'user_activation_post', { activation_token: 'k', password: 'longenough' }, false],
    ['emnify', 'authenticate', { username: 'eva', password: 'a'.repeat(40) }, true],
    // A plain password is a well-formed body; it fails the credential check, as at the vendor.
    ['emnify', 'authenticate', { username: 'eva', password: 'plain-text' }, true],
    ['emnify', 'authenticate', { mfa_token: 't', code: '123456', trusted_device: { fingerprint: 'f' } }, true],
    ['emnify', 'authenticate', { mfa_token: 't' }, false],
    ['emnify', 'post-mfa', { type: { id: 1 }, password: 'p' }, true],
    ['emnify', 'post-mfa', { password: 'p' }, false],
    ['emnify', 'user-mfa-by-id-patch', { status: { id: 1 }, code: '123456' }, true],
    ['emnify', 'accept-user-invitation', { activationKey: 'k' }, true],
    ['emnify', 'user-per-page-sort-by-q-and-page-post', { username: 'a@b.c', name: 'A' }, true],
    ['emnify', 'user-per-page-sort-by-q-and-page-post', { name: 'A' }, false],
    ['emnify', 'user-by-id-patch', {}, true],
    ['emnify', 'user-by-id-patch', { status: {} }, false],
    ['emnify', 'user-v-2-invitation', { username: 'a@b.c', name: 'A' }, true],
    ['emnify', 'application-token-post', { description: 'd', expiry_date: '2021-05-29' }, true],
    ['emnify', 'authenticate', { refresh_token: 't' }, true],
    ['emnify', 'user_activation_resend_post', { username: 'eva' }, false],
  ])('%s %s accepts %j: %s', (spec, id, value, valid) => {
    expect(body(spec, id).get('application/json')!(value)).toBe(valid);
  });

  test.each([
    [{ emailAddress: 'jane.saoirse@acmepaymentscorp.com' }, true],
    [{ emailAddress: 'not-an-address' }, false],
    [{}, false],
  ])('Akana resendActivation takes the form %j: %s', (value, valid) => {
    expect(body('akana', 'resendActivation').get('application/x-www-form-urlencoded')!(value)).toBe(valid);
  });

  test('Akana answers 200 with no body and a required Cache-Control: no-cache header', () => {
    const r = specs.get('akana')!.byOperationId.get('resendActivation')!.responses['200'];
    expect(r.content).toEqual({});
    expect(r.headers['cache-control']).toMatchObject({ required: true, schema: { enum: ['no-cache'] } });
  });

  test('EMnify success responses of the seed operations have no body', () => {
    for (const id of ['user_activation_post', 'user_activation_resend_post', 'user_password_patch']) {
      expect(specs.get('emnify')!.byOperationId.get(id)!.responses['204'].content).toEqual({});
    }
  });
});
