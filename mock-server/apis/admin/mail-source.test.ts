import type { MailMessage } from '../../domain/mailbox';
import { mailHeaders, mailSource, rfc5322Date } from './mail-source';

const message = (fields: Partial<MailMessage> = {}): MailMessage => ({
  id: 9,
  vendor: 'emnify',
  kind: 'activation',
  to: 'eva@emnify.example',
  subject: 'Activate your account',
  text: 'Hello\nYour key is 9aba1f6a',
  code: '9aba1f6a',
  createdAt: Date.UTC(2026, 0, 1, 8, 5, 3),
  ...fields,
});

test.each([
  [Date.UTC(2026, 0, 1), 'Thu, 01 Jan 2026 00:00:00 +0000'],
  [Date.UTC(2030, 11, 31, 23, 59, 59), 'Tue, 31 Dec 2030 23:59:59 +0000'],
])('%d is written %s, as RFC 5322 dates are', (ms, text) => {
  expect(rfc5322Date(ms)).toBe(text);
});

test('the headers name a made-up sender on a domain that cannot resolve, and the message id is unique per message', () => {
  expect(mailHeaders(message())).toEqual({
    From: expect.stringMatching(/<no-reply@emnify\.authmock\.invalid>$/),
    To: 'eva@emnify.example',
    Subject: 'Activate your account',
    Date: 'Thu, 01 Jan 2026 08:05:03 +0000',
    'Message-ID': '<9.emnify@authmock.invalid>',
  });
});

describe('the source', () => {
  test.each([
    ['ends every line with CRLF, the text after a blank line', message(), /\r\n\r\nHello\r\nYour key is 9aba1f6a\r\n$/],
    ['puts a subject with a line break on one line', message({ subject: 'Hi\r\nBcc: x@y.example' }), /\r\nSubject: Hi Bcc: x@y\.example\r\n/],
    ['encodes a subject beyond ASCII as an RFC 2047 word', message({ subject: 'Grüße' }), /\r\nSubject: =\?UTF-8\?B\?R3LDvMOfZQ==\?=\r\n/],
  ])('%s', (_label, m, pattern) => {
    expect(mailSource(m)).toMatch(pattern);
  });

  test('has no bare line feed anywhere', () => {
    expect(mailSource(message({ text: 'a\nb\r\nc\n' })).replace(/\r\n/g, '')).not.toContain('\n');
  });
});
