import path from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';

// Every guess in the vendor specs, by JSON pointer into the document as written.
// A new `x-inferred` fails this test until it is added here, so none creeps in unnoticed;
// everything else in a vendor spec is what the vendor states.
const EXPECTED: Record<string, string[]> = {
  'edge-impulse': [
    // The default maximum of request strings (see contracts/core/string-bounds.ts).
    '/x-max-string-length',
    // JWT and code lifetimes, resends and attempts: unpublished; the values are settings.
    '/x-code-lifetimes',
    // What deleting an account does to its sessions, and the order of the password and TOTP checks.
    '/paths/~1api~1user/delete/x-side-effects',
    '/paths/~1api-user-need-to-set-password~1{usernameOrEmail}/get/responses/200/content/application~1json/examples/unknownUser',
    // The mock's deterministic verdict and score.
    '/paths/~1api~1emails~1validate/post/x-verdict-rule',
    '/paths/~1api~1emails~1{emailId}/get/responses/200/content/application~1json/examples/unknown',
    // How a sign-up gets an approval code, and what approving does.
    '/paths/~1api~1signup-approval~1verify/post/x-approval-rule',
    '/components/responses/BadRequest',
    '/components/responses/Unauthorized',
    // The body-size limit protects the mock itself.
    '/components/responses/PayloadTooLarge',
    '/components/responses/UnsupportedEncoding',
    // How many experiments are kept and what listing one means.
    '/components/schemas/UpdateUserRequest/properties/experiments',
    // When the mock calls an address verified.
    '/components/schemas/GetUserNeedToSetPasswordResponse/allOf/1/properties/emailVerified',
    // The vendor states the 8-character minimum for createUser's password only.
    '/components/schemas/ChangePasswordRequest/properties/newPassword',
    '/components/schemas/ResetPasswordRequest/properties/newPassword',
  ],
  emnify: [
    '/x-max-string-length',
    // Token lifetimes, and the body of the documented authenticate limit.
    '/paths/~1api~1v1~1authenticate/post/x-token-lifetimes',
    '/paths/~1api~1v1~1authenticate/post/responses/429',
    '/paths/~1api~1v1~1user/post/responses/409',
    '/paths/~1api~1v1~1user~1activation/post/x-key-lifetime',
    '/paths/~1api~1v1~1user~1activation_resend/post/responses/422',
    '/paths/~1api~1v1~1user~1activation_resend/post/responses/429',
    // The vendor tells clients to drop their tokens; the mock refuses them.
    '/paths/~1api~1v1~1user~1password/patch/x-revokes-earlier-tokens',
    // The mock's own request checks on path parameters and stray bodies, answered as the error table says.
    '/paths/~1api~1v1~1user~1{user_id}~1mfa~1{key_id}/delete/responses/422',
    '/paths/~1api~1v1~1user~1{user_id}/get/responses/422',
    '/paths/~1api~1v1~1user~1{user_id}/patch/x-username-change',
    '/paths/~1api~1v1~1user~1{user_id}/patch/responses/404',
    '/paths/~1api~1v1~1user~1{user_id}/patch/responses/409',
    '/paths/~1api~1v1~1user~1{user_id}/delete/x-side-effects',
    '/paths/~1api~1v1~1user~1{user_id}/delete/responses/422',
    // Only status 1 (Active) is published; no type id is.
    '/paths/~1api~1v1~1user~1mfa~1status/get/responses/200',
    '/paths/~1api~1v1~1user~1mfa~1type/get/responses/200',
    '/paths/~1api~1v1~1user~1{user_id}~1mfa~1trusted_device/get/responses/422',
    '/paths/~1api~1v1~1user~1{user_id}~1mfa~1trusted_device~1{device_id}/delete/responses/422',
    '/paths/~1api~1v1~1application_token/post/x-token-count',
    '/paths/~1api~1v1~1application_token~1{app_token_id}/patch/responses/404',
    '/paths/~1api~1v1~1application_token~1{app_token_id}/patch/responses/422',
    // accept-user-invitation lists 403 alone: what answers a bad key or a malformed body is a guess.
    '/paths/~1api~1v2~1user~1activation/post/responses/403',
    '/paths/~1api~1v2~1user~1activation/post/responses/422',
    '/components/responses/PayloadTooLarge',
    '/components/responses/UnsupportedEncoding',
  ],
  akana: [
    '/x-max-string-length',
    // Code lifetimes and the resend limit: settings, none published.
    '/x-code-lifetimes',
    '/paths/~1api~1users~1resendActivation/post/responses/429',
    '/paths/~1api~1login/post/responses/401',
    // Round 3: a duplicate sign-up's status, renewToken's answer, and the query-string reset parameters' address format.
    '/paths/~1api~1users~1signupUser/post/responses/400',
    '/paths/~1api~1users~1verifySignup/post/responses/200',
    // Which shape wins when a reset call carries a field in both the query string and the form body.
    '/paths/~1api~1passwordmanagement~1sendPasswordResetCode/post/x-parameter-precedence',
    '/paths/~1api~1passwordmanagement~1sendPasswordResetCode/post/parameters/0/schema',
    '/paths/~1api~1passwordmanagement~1validatePasswordResetCode/post/x-parameter-precedence',
    '/paths/~1api~1passwordmanagement~1validatePasswordResetCode/post/parameters/1/schema',
    '/paths/~1api~1login~1endsession/get/x-returninstructions',
    '/paths/~1api~1login~1endsession/get/responses/200',
    // Login's CSRF exceptions are not listed; logout requires the header.
    '/paths/~1api~1login~1logout/post/x-csrf-required',
    '/paths/~1api~1login~1renewToken/post/responses/200',
    // The UserID is the decimal admin id.
    // 403 for another user's UserID, and sessions after a password change.
    '/paths/~1api~1users~1{UserID}/get/x-other-users',
    '/paths/~1api~1users~1{UserID}/put/x-other-users',
    '/paths/~1api~1users~1{UserID}~1password/put/x-sessions-after-change',
    '/paths/~1api~1users~1{UserID}~1password/put/x-other-users',
    '/components/parameters/UserID/schema',
    // The answer of modifyUser and modifyPassword: the UserID as text, as deleteUser's.
    '/components/responses/UserIdText',
    '/components/responses/MethodNotAllowed/headers/Allow',
    '/components/responses/PayloadTooLarge',
    '/components/responses/UnsupportedEncoding',
    '/components/schemas/EmailAddressForm/properties/emailAddress',
    '/components/schemas/EmailAddressFormOrQuery/properties/emailAddress',
    '/components/schemas/ResetCodeFormOrQuery/properties/emailAddress',
    '/components/schemas/SignupRequest',
    // The body of a sign-up with an invitation code; its password is the mock's requirement.
    '/components/schemas/InvitedSignupRequest',
    '/components/schemas/CompleteSignupRequest',
    '/components/schemas/ResetPasswordRequest',
    '/components/schemas/SignupInfo',
    '/components/schemas/LoginResult',
    // OldPassword may be left out by a Site Admin setting another user's password.
    '/components/schemas/PasswordChange',
    '/components/schemas/Problem',
    '/components/schemas/AkanaError',
  ],
};

type Node = Record<string, unknown>;
const escape = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');

function inferred(doc: unknown): { pointer: string; node: Node }[] {
  const found: { pointer: string; node: Node }[] = [];
  const walk = (value: unknown, pointer: string): void => {
    if (!value || typeof value !== 'object') return;
    const node = value as Node;
    if ('x-inferred' in node) found.push({ pointer, node });
    for (const [key, child] of Object.entries(node)) walk(child, `${pointer}/${escape(key)}`);
  };
  walk(doc, '');
  return found;
}

const load = (name: string) => SwaggerParser.parse(path.join(__dirname, '..', '..', 'specs', `${name}.openapi.yaml`));

describe.each(Object.keys(EXPECTED))('x-inferred in the %s spec', (name) => {
  test('marks exactly the listed guesses', async () => {
    expect(inferred(await load(name)).map((i) => i.pointer)).toEqual(EXPECTED[name]);
  });

  test('marks each one the same way: x-inferred: true beside a description that gives the reason', async () => {
    for (const { pointer, node } of inferred(await load(name))) {
      expect([pointer, node['x-inferred'], typeof node.description === 'string' && node.description.length > 30]).toEqual([pointer, true, true]);
    }
  });
});

test('a misplaced marker is found wherever it sits', () => {
  expect(inferred({ a: { b: [{ 'x-inferred': true }] } }).map((i) => i.pointer)).toEqual(['/a/b/0']);
});
