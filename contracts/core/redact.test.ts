import { REDACTED, redact, redactBody, redactPath, redactText } from './redact';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ';

describe('redact', () => {
  test.each([
    ['a password field', { password: 'hunter22' }, { password: REDACTED }],
    ['EMnify tokens', { auth_token: 'a.b.c', refresh_token: 'r' }, { auth_token: REDACTED, refresh_token: REDACTED }],
    ['an MFA token and a TOTP token', { mfa_token: 'm', totpToken: '123456' }, { mfa_token: REDACTED, totpToken: REDACTED }],
    ['a string code', { code: 'a1b2c3d4' }, { code: REDACTED }],
    ['a numeric error code, which stays', { code: 404, message: 'Not found' }, { code: 404, message: 'Not found' }],
    ['an EMnify error code, which stays', { error_code: 1102, error_token: 'invalid', message: 'x' }, { error_code: 1102, error_token: 'invalid', message: 'x' }],
    ['cookies and authorization', { cookie: 'jwt=abc', 'set-cookie': ['jwt=abc'], authorization: 'Bearer x' }, { cookie: REDACTED, 'set-cookie': REDACTED, authorization: REDACTED }],
    ['a nested activation key', { data: [{ activationKey: 'k' }] }, { data: [{ activationKey: REDACTED }] }],
    ['a JWT inside free text', { error: `bad token ${JWT} here` }, { error: `bad token ${REDACTED} here` }],
    ['an Edge Impulse TOTP key and recovery codes', { key: 'JBSWY3DP', recoveryCodes: ['a1', 'b2'] }, { key: REDACTED, recoveryCodes: REDACTED }],
    ['flags and counts, which stay', { success: true, mfaConfigured: false, id: 3 }, { success: true, mfaConfigured: false, id: 3 }],
    ['a mail’s code, also where its text and html repeat it', { code: 'K7Q2M9', text: 'Your code is K7Q2M9.', html: '<b>K7Q2M9</b>', to: 'a@b.c' }, { code: REDACTED, text: `Your code is ${REDACTED}.`, html: `<b>${REDACTED}</b>`, to: 'a@b.c' }],
    ['a contract report’s verdict counts, which stay', { verdict: { passed: 82, violated: 0 }, label: 'login' }, { verdict: { passed: 82, violated: 0 }, label: 'login' }],
    ['a password under a name that starts like a count', { passwordHash: 'h', passcode: 'c' }, { passwordHash: REDACTED, passcode: REDACTED }],
  ])('replaces %s', (_name, input, expected) => {
    expect(redact(input)).toEqual(expected);
  });

  test('leaves the input untouched', () => {
    const input = { password: 'p' };
    redact(input);
    expect(input.password).toBe('p');
  });

  test.each([
    ['a form body', 'emailAddress=a%40b.c&password=hunter22', `emailAddress=a%40b.c&password=${REDACTED}`],
    ['JSON text', '{"auth_token":"abc","x":1}', `{"auth_token":"${REDACTED}","x":1}`],
    ['a cookie header', `jwt=${JWT}; Path=/`, `jwt=${REDACTED}; Path=/`],
    ['an error code in text, which stays', '{"code":404}', '{"code":404}'],
    ['a quoted secret with spaces', '{"password":"hun ter 2"}', `{"password":"${REDACTED}"}`],
    ['JSON inside a JSON string', String.raw`"{\"auth_token\":\"abc def\",\"x\":1}"`, String.raw`"{\"auth_token\":\"${REDACTED}\",\"x\":1}"`],
    ['a bearer token', 'authorization: Bearer abc.def-ghi', `authorization: Bearer ${REDACTED}`],
    ['basic credentials', 'Authorization: Basic dXNlcjpwYXNzd29yZA==', `Authorization: Basic ${REDACTED}`],
    ['a Set-Cookie header with any cookie name', 'set-cookie: session=s3cr3t; Path=/; HttpOnly', `set-cookie: session=${REDACTED}; Path=${REDACTED}; HttpOnly`],
    ['a password in a URL', 'GET https://ci:hunter22@staging.example/v1 failed', `GET https://ci:${REDACTED}@staging.example/v1 failed`],
    ['prose about Basic auth, which stays', 'Basic auth is not supported', 'Basic auth is not supported'],
    ['an EMnify error token in text, which stays', '{"error_token":"invalid_credentials"}', '{"error_token":"invalid_credentials"}'],
    ['a printed object with single quotes', "{ password: 'hunter 22', user: 'a' }", `{ password: '${REDACTED}', user: 'a' }`],
    ['a token header line', 'x-jwt-token: abc.def', `x-jwt-token: ${REDACTED}`],
    ['prose naming an operation, which stays', 'edge-impulse requestResetPassword: status 201 is not documented', 'edge-impulse requestResetPassword: status 201 is not documented'],
    ['prose about a token, which stays', 'activateCurrentUser without a token: answers 401', 'activateCurrentUser without a token: answers 401'],
    ['an object under a secret key', '{"refresh_token":{"value":"r3fr3sh","note":"a}b"},"x":1}', `{"refresh_token":${REDACTED},"x":1}`],
    ['a printed object under a secret key', '  "refresh_token": Object {\n    "value": "r3fr3sh",\n  },\n  "x": 1', `  "refresh_token": ${REDACTED},\n  "x": 1`],
    ['a quoted secret cut short by an excerpt', '{"auth_token":"abc12', `{"auth_token":"${REDACTED}"`],
    ['a JWT cut short by an excerpt', 'token eyJhbGciOiJIUzI1NiJ9.eyJzd', `token ${REDACTED}`],
    ['text already redacted, unchanged', `password=${REDACTED}`, `password=${REDACTED}`],
  ])('redacts %s as text', (_name, input, expected) => {
    expect(redactText(input)).toBe(expected);
  });

  test.each([
    ['JSON, by key, nested values included', '{"refresh_token":{"value":"r"},"id":3}', `{"refresh_token":"${REDACTED}","id":3}`],
    ['a form, as text', 'password=hunter22&x=1', `password=${REDACTED}&x=1`],
    ['broken JSON, as text', '{"auth_token":"abc", ', `{"auth_token":"${REDACTED}", `],
  ])('redacts a body of %s', (_name, input, expected) => {
    expect(redactBody(input)).toBe(expected);
  });

  test('cuts cycles instead of following them', () => {
    const a: Record<string, unknown> = { name: 'a' };
    a.self = a;
    expect(redact(a)).toEqual({ name: 'a', self: REDACTED });
  });
});

describe('redactPath', () => {
  test.each([
    ['a secret path parameter', '/api/users/signupUser/{InvitationCode}', '/api/users/signupUser/a5ea1a6c', '/api/users/signupUser/[redacted]'],
    ['behind a prefix the template lacks (a tenant)', '/api/users/signupUser/{InvitationCode}', '/__tenants/t1/api/users/signupUser/a5ea1a6c', '/__tenants/t1/api/users/signupUser/[redacted]'],
    ['an id, which is no secret', '/api/users/{UserID}', '/api/users/11', '/api/users/11'],
    ['a path without parameters', '/api/login', '/api/login', '/api/login'],
  ])('%s', (_label, template, path, expected) => {
    expect(redactPath(template, path)).toBe(expected);
  });
});
