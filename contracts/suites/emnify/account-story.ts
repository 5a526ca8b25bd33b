import type { CallResult } from '../../kit/client';
import type { SuiteBuilder } from '../../runner/define';
import { sha1Hex as sha1 } from '../../vendors/emnify';

/** What the EMnify suite shares with these tests. */
export interface Helpers {
  authToken(username: string, password: string): Promise<string>;
  mailCode(email: string, kind: string): Promise<string>;
}

const json = (body: unknown) => ({ body });
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/**
 * The rest of EMnify's account story: users created, changed and deleted,
 * invitations, application tokens, trusted devices and the MFA look-ups.
 */
export function accountStory(s: SuiteBuilder, h: Helpers): void {
  s.tier('public', 'the account-story operations without a valid token, changing no account', () => {
    const withoutToken = [
      ['user-per-page-sort-by-q-and-page-post', { body: { username: 'contract@example.invalid', name: 'Contract' } }],
      ['user-by-id-patch', { body: { name: 'Contract' }, path: { user_id: '1' } }],
      ['user-by-id-delete', { path: { user_id: '1' } }],
      ['user-v-2-invitation', { body: { username: 'contract@example.invalid', name: 'Contract' } }],
      ['application-token-get', {}],
      ['application-token-post', { body: { description: 'contract' } }],
      ['application-token-by-id-patch', { body: { status: { id: 1 } }, path: { app_token_id: '1' } }],
      ['user-mfa-trusted-device-by-user-id-get', { path: { user_id: '1' } }],
      ['user-mfa-trusted-device-by-user-id-and-device-id-delete', { path: { user_id: '1', device_id: '1' } }],
      ['user-mfa-status-get', {}],
      ['user-mfa-type-get', {}],
    ] as const;
    for (const [operationId, options] of withoutToken) {
      s.test(`${operationId} with a malformed token`, [operationId], async () => {
        const r = await s.call(operationId, { ...options, headers: { Authorization: 'Bearer not-a-jwt' } });
        // Judged by the spec; a stateless server (a Prism mock) accepts any Bearer token, so the status is observed.
        s.observe(`${operationId} with a malformed token`, `status ${r.status}`);
      });
    }

    s.test('authenticate with an unknown application token', ['authenticate'], async () => {
      const r = await s.call('authenticate', json({ application_token: `unknown-${s.unique}` }));
      s.observe('authenticate with an unknown application token', `status ${r.status}, ${r.text ? 'with a body' : 'empty body'}`);
    });
  });

  s.tier('robustness', 'malformed bodies of the account-story operations', () => {
    s.test('application-token-post with malformed JSON', ['application-token-post'], async () => {
      await s.call('application-token-post', { rawBody: '{"description":', contentType: 'application/json', headers: { Authorization: 'Bearer not-a-jwt' } });
    });
  });

  s.tier('credentialed', 'the account-story look-ups with a test account', () => {
    s.test('the MFA status and type lists, the account’s trusted devices and the organisation’s application tokens', ['authenticate', 'user-mfa-status-get', 'user-mfa-type-get', 'user-by-id-get', 'user-mfa-trusted-device-by-user-id-get', 'application-token-get'], async () => {
      const headers = bearer(await h.authToken(s.credentials.USERNAME, s.credentials.PASSWORD));
      const statuses = await s.call('user-mfa-status-get', { headers });
      s.observe('MFA key statuses', statuses.text.slice(0, 200));
      const types = await s.call('user-mfa-type-get', { headers });
      s.observe('MFA key types', types.text.slice(0, 200));
      const me = await s.call('user-by-id-get', { headers, path: { user_id: s.credentials.USERNAME } });
      s.expectStatus(await s.call('user-mfa-trusted-device-by-user-id-get', { headers, path: { user_id: String(s.field<number>(me, 'id')) } }), 200);
      s.expectStatus(await s.call('application-token-get', { headers }), 200);
    });

    s.test(
      'an application token is created, logs in without a refresh_token and is revoked',
      { calls: ['authenticate', 'application-token-post', 'application-token-get', 'application-token-by-id-patch'], changes: 'an application token of the test account’s organisation (revoked at the end)' },
      async () => {
        const headers = bearer(await h.authToken(s.credentials.USERNAME, s.credentials.PASSWORD));
        const description = `contract-${s.unique}`;
        const token = s.field(await s.call('application-token-post', { headers, body: { description } }), 'application_token');
        const login = await s.call('authenticate', json({ application_token: token }));
        s.expectJson(login, { auth_token: String });
        s.expect((login.json as Record<string, unknown>).refresh_token === undefined, 'authenticate with an application token answered a refresh_token');
        const listed = (await s.call('application-token-get', { headers })).json as { id: number; description?: string }[];
        const mine = listed.find((t) => t.description === description);
        s.expect(mine !== undefined, 'the new application token is not in the list');
        s.expectStatus(await s.call('application-token-by-id-patch', { headers, path: { app_token_id: String(mine!.id) }, body: { status: { id: 1 } } }), 204);
        s.expectStatus(await s.call('authenticate', json({ application_token: token })), 401);
      },
    );
  });

  s.tier('flow', 'the account story through the admin API', () => {
    const admin = async (): Promise<Record<string, string>> => {
      const email = `admin-${s.unique}@emnify.example`;
      await s.admin.post('/users', { vendor: 'emnify', email, password: 'admin-password-1' });
      return bearer(await h.authToken(email, 'admin-password-1'));
    };
    const idOf = (r: CallResult): string => {
      const location = r.headers.location ?? '';
      s.expect(/\/api\/v1\/user\/\d+$/.test(location), `Location '${location}' does not name /api/v1/user/{id}`);
      return location.slice(location.lastIndexOf('/') + 1);
    };

    s.test(
      'a created user is pending, activates from the mail, is suspended and reinstated, and once deleted is gone with their tokens',
      ['user-per-page-sort-by-q-and-page-post', 'user-by-id-get', 'user_activation_post', 'authenticate', 'user-by-id-patch', 'user-by-id-delete'],
      async () => {
        const headers = await admin();
        const email = `created-${s.unique}@emnify.example`;
        const created = await s.call('user-per-page-sort-by-q-and-page-post', { headers, body: { username: email, name: 'Created User', organisation: { id: 1 }, roles: [{ id: 1 }] } });
        s.expectStatus(created, 201);
        const id = idOf(created);
        s.expectJson(await s.call('user-by-id-get', { headers, path: { user_id: id } }), { username: email, status: { id: 0 } });
        s.expectStatus(await s.call('user_activation_post', json({ activationKey: await h.mailCode(email, 'activation'), password: 'created-password-1' })), 204);
        const own = bearer(await h.authToken(email, 'created-password-1'));
        s.expectStatus(await s.call('user-by-id-patch', { headers, path: { user_id: id }, body: { status: { id: 2 } } }), 204);
        s.expectStatus(await s.call('authenticate', json({ username: email, password: sha1('created-password-1') })), 401);
        s.expectStatus(await s.call('user-by-id-patch', { headers, path: { user_id: id }, body: { status: { id: 0 } } }), 422);
        s.expectStatus(await s.call('user-by-id-patch', { headers, path: { user_id: id }, body: { status: { id: 1 } } }), 204);
        await h.authToken(email, 'created-password-1');
        s.expectStatus(await s.call('user-by-id-delete', { headers, path: { user_id: id } }), 204);
        s.expectStatus(await s.call('user-by-id-get', { headers, path: { user_id: id } }), 404);
        s.expectStatus(await s.call('user-by-id-delete', { headers, path: { user_id: id } }), 404);
        s.expectStatus(await s.call('user-by-id-get', { headers: own, path: { user_id: id } }), 401);
      },
    );

    s.test('a new username makes the user pending again and mails an activation key to the new address', ['user-per-page-sort-by-q-and-page-post', 'user_activation_post', 'user-by-id-patch', 'user-by-id-get', 'authenticate'], async () => {
      const headers = await admin();
      const email = `rename-${s.unique}@emnify.example`;
      const id = idOf(await s.call('user-per-page-sort-by-q-and-page-post', { headers, body: { username: email, name: 'Renamed User' } }));
      await s.call('user_activation_post', json({ activationKey: await h.mailCode(email, 'activation'), password: 'rename-password-1' }));
      const renamed = `renamed-${s.unique}@emnify.example`;
      s.expectStatus(await s.call('user-by-id-patch', { headers, path: { user_id: id }, body: { username: renamed } }), 204);
      s.expectJson(await s.call('user-by-id-get', { headers, path: { user_id: id } }), { username: renamed, status: { id: 0 } });
      s.expectStatus(await s.call('authenticate', json({ username: renamed, password: sha1('rename-password-1') })), 401);
      s.expectStatus(await s.call('user_activation_post', json({ activationKey: await h.mailCode(renamed, 'activation'), password: 'rename-password-2' })), 204);
      await h.authToken(renamed, 'rename-password-2');
    });

    s.test('an invited user gets no mail, asks for the activation mail and accepts the invitation', ['user-v-2-invitation', 'user_activation_resend_post', 'accept-user-invitation', 'authenticate'], async () => {
      const headers = await admin();
      const email = `invited-${s.unique}@emnify.example`;
      const invited = await s.call('user-v-2-invitation', { headers, body: { username: email, name: 'Invited User' } });
      s.expectJson(invited, { id: Number, username: email, organisation: { id: Number } });
      const box = (await s.admin.get(`/mailbox?to=${encodeURIComponent(email)}`)).body as { messages?: unknown[] };
      s.expect((box.messages ?? []).length === 0, 'the invitation sent a mail; the vendor says it sends none');
      s.expectStatus(await s.call('user-v-2-invitation', { headers, body: { username: email, name: 'Invited User' } }), 201);
      await s.call('user_activation_resend_post', json({ username: email, 'g-recaptcha-response': 'contract-test-token' }));
      const key = await h.mailCode(email, 'activation');
      s.expectStatus(await s.call('accept-user-invitation', { headers, body: { activationKey: `${key}-wrong`, password: 'invited-password-1' } }), 403);
      s.expectStatus(await s.call('accept-user-invitation', { headers, body: { activationKey: key, password: 'invited-password-1', name: 'Invited' } }), 204);
      await h.authToken(email, 'invited-password-1');
      s.expectStatus(await s.call('user-v-2-invitation', { headers, body: { username: email, name: 'Invited User' } }), 409);
    });

    s.test('a trusted device is listed with what the client said of it, and once deleted MFA is asked again', ['authenticate', 'user-by-id-get', 'user-mfa-trusted-device-by-user-id-get', 'user-mfa-trusted-device-by-user-id-and-device-id-delete', 'user-mfa-status-get', 'user-mfa-type-get'], async () => {
      const email = `device-${s.unique}@emnify.example`;
      await s.admin.post('/users', { vendor: 'emnify', email, password: 'device-password-1', mfa: true });
      const first = await s.call('authenticate', json({ username: email, password: sha1('device-password-1') }));
      const fingerprint = `device-${s.unique}`;
      const second = await s.call('authenticate', json({ mfa_token: s.field(first, 'mfa_token'), code: await h.mailCode(email, 'mfa-code'), trusted_device: { fingerprint, operating_system: 'Linux', browser: 'Firefox', name: 'Laptop' } }));
      const headers = bearer(s.field(second, 'auth_token'));
      s.expectJson(await s.call('user-mfa-status-get', { headers }), [{ id: 0, description: String }, { id: 1, description: String }]);
      s.expectJson(await s.call('user-mfa-type-get', { headers }), [{ id: 1, description: 'TOTP' }]);
      const userId = String(s.field<number>(await s.call('user-by-id-get', { headers, path: { user_id: email } }), 'id'));
      const devices = await s.call('user-mfa-trusted-device-by-user-id-get', { headers, path: { user_id: userId } });
      s.expectJson(devices, [{ id: Number, operating_system: 'Linux', browser: 'Firefox', activation_date: String }]);
      const deviceId = String((devices.json as { id: number }[])[0].id);
      s.expectStatus(await s.call('user-mfa-trusted-device-by-user-id-and-device-id-delete', { headers, path: { user_id: userId, device_id: deviceId } }), 204);
      s.expectStatus(await s.call('user-mfa-trusted-device-by-user-id-and-device-id-delete', { headers, path: { user_id: userId, device_id: deviceId } }), 404);
      s.expectJson(await s.call('authenticate', json({ username: email, password: sha1('device-password-1'), fingerprint })), { mfa_token: String });
    });

    s.test('an application token logs in as its creator until it is revoked', ['authenticate', 'application-token-post', 'application-token-get', 'application-token-by-id-patch', 'user-by-id-get'], async () => {
      const headers = await admin();
      const created = await s.call('application-token-post', { headers, body: { description: `flow-${s.unique}`, expiry_date: '2099-12-31', ip: '10.0.0.0/8' } });
      const token = s.field(created, 'application_token');
      const login = await s.call('authenticate', json({ application_token: token }));
      s.expect(login.status === 200 && (login.json as Record<string, unknown>).refresh_token === undefined, 'authenticate with an application token must answer an auth_token alone');
      s.expectStatus(await s.call('user-by-id-get', { headers: bearer(s.field(login, 'auth_token')), path: { user_id: `admin-${s.unique}@emnify.example` } }), 200);
      const mine = ((await s.call('application-token-get', { headers })).json as { id: number; description: string }[]).find((t) => t.description === `flow-${s.unique}`);
      s.expect(mine !== undefined, 'the new token is not listed');
      s.expectStatus(await s.call('application-token-by-id-patch', { headers, path: { app_token_id: String(mine!.id) }, body: { status: { id: 1 } } }), 204);
      s.expectStatus(await s.call('authenticate', json({ application_token: token })), 401);
      s.expectStatus(await s.call('application-token-by-id-patch', { headers, path: { app_token_id: String(mine!.id) }, body: { status: { id: 0 } } }), 422);
      s.expectStatus(await s.call('application-token-post', { headers, body: { expiry_date: 'next week' } }), 422);
    });
  });
}
