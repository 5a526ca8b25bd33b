import { createHarness, fixture } from '../support/harness';

// The journal keeps replies for developers to read; a mailbox reply must not leak the codes it lists.
test('a journaled mailbox reply redacts each code in its text as well as in its code field', async () => {
  const h = await createHarness();
  const pending = fixture('emnify', 'pending activation');
  await h.request.post('/api/v1/user/activation_resend').send({ username: pending.email, 'g-recaptcha-response': 't' }).expect(204);
  const mail = await h.request.get(`/__admin/mailbox?to=${encodeURIComponent(pending.email)}`).expect(200);
  const code: string = mail.body.messages[0].code;
  expect(mail.body.messages[0].text).toContain(code);
  const journal = await h.request.get('/__admin/requests?limit=10').expect(200);
  const text = JSON.stringify(journal.body);
  expect(text).toContain('/__admin/mailbox');
  expect(text).not.toContain(code);
  expect(text).toContain('[redacted]');
});
