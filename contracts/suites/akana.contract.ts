import { contractSuite } from '../jest/contract-suite';

const suite = contractSuite('akana', {
  credentialed: { available: false, reason: 'Akana’s resendActivation takes no credentials' },
});
const form = (emailAddress?: string) => ({ body: emailAddress === undefined ? {} : { emailAddress }, contentType: 'application/x-www-form-urlencoded', headers: { Accept: '*/*' } });

suite.tier('public', 'every operation, changing no account', () => {
  test('resendActivation for an unknown address', async () => {
    const r = await suite.call('resendActivation', form(`contract-${suite.unique}@example.invalid`));
    expect(r).toSatisfyContract();
    suite.observe('resend for an unknown address', `status ${r.status}, ${r.text ? 'a body' : 'no body'}, Cache-Control: ${r.headers['cache-control'] ?? '(none)'}`);
  });

  test.each([
    ['no emailAddress', undefined],
    ['a malformed address', 'not-an-address'],
  ])('resendActivation with %s', async (_label, email) => {
    expect(await suite.call('resendActivation', form(email))).toSatisfyContract();
  });
});

suite.tier('robustness', 'content negotiation and verbs', () => {
  test('a JSON body instead of a form', async () => {
    const r = await suite.call('resendActivation', { body: { emailAddress: `contract-${suite.unique}@example.invalid` }, headers: { Accept: '*/*' } });
    expect(r).toSatisfyContract();
    suite.observe('JSON body', `status ${r.status} (Akana documents 404 for a wrong content type)`);
  });

  test('an Accept header naming no documented media type', async () => {
    const r = await suite.call('resendActivation', { ...form(`contract-${suite.unique}@example.invalid`), headers: { Accept: 'text/html' } });
    expect(r).toSatisfyContract();
    suite.observe('Accept: text/html', `status ${r.status} (the spec guesses 406, x-inferred; Akana's general page says 404)`);
  });

  test('a body over 100 kB', async () => {
    expect(await suite.call('resendActivation', form(`${'x'.repeat(101 * 1024)}@example.invalid`))).toSatisfyContract();
  });

  test('GET instead of POST', async () => {
    const r = await suite.call('resendActivation', { method: 'GET', headers: { Accept: '*/*' } });
    expect(r).toSatisfyContract();
    suite.observe('GET', `status ${r.status}, Allow: ${r.headers.allow ?? '(none)'}`);
  });
});

suite.tier('flow', 'whole flows through the admin API', () => {
  test('a pending user gets a new code in the mailbox; an active one gets none', async () => {
    const pending = `flow-${suite.unique}@akana.example`;
    const active = `active-${suite.unique}@akana.example`;
    await suite.admin.post('/users', { vendor: 'akana', email: pending, status: 'pending' });
    await suite.admin.post('/users', { vendor: 'akana', email: active, password: 'active-password', status: 'active' });
    for (const [email, mails] of [
      [pending, 2],
      [active, 0],
    ] as const) {
      const r = await suite.call('resendActivation', form(email));
      expect(r).toSatisfyContract();
      expect(r.status).toBe(200);
      const box = (await suite.admin.get(`/mailbox?to=${encodeURIComponent(email)}&vendor=akana`)).body as { messages: unknown[] };
      expect(box.messages).toHaveLength(mails);
    }
  });

  test('the per-address limit answers 429', async () => {
    const email = `limit-${suite.unique}@example.invalid`;
    let last = await suite.call('resendActivation', form(email));
    for (let i = 0; i < 5 && last.status !== 429; i++) last = await suite.call('resendActivation', form(email));
    expect(last).toSatisfyContract();
    expect(last.status).toBe(429);
  });
});
