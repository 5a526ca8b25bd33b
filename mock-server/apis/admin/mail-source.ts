import { toBase64, utf8 } from '../../domain/bytes';
import type { MailMessage } from '../../domain/mailbox';
import { VENDOR_IDS, VENDOR_NAMES } from '../../generated/vendors';
import { messageView } from './views';

/** The made-up domain of every sender: `.invalid` can never resolve, so no reply can reach anyone. */
const SENDER_DOMAIN = 'authmock.invalid';

/** A header value on one line: a user's name could hold a line break, which would start a header of its own. */
const oneLine = (value: string): string => value.replace(/[\r\n]+/g, ' ');

/** Non-ASCII text as an RFC 2047 encoded word, so the source stays 7-bit in its headers. */
const encodeWord = (value: string): string => (/^[\x20-\x7e]*$/.test(value) ? value : `=?UTF-8?B?${toBase64(utf8(value))}?=`);

/** 1767225600000 → "Thu, 01 Jan 2026 00:00:00 +0000", as RFC 5322 writes a date. */
export const rfc5322Date = (ms: number): string => new Date(ms).toUTCString().replace(/GMT$/, '+0000');

export function mailHeaders(m: MailMessage) {
  const index = (VENDOR_IDS as readonly string[]).indexOf(m.vendor);
  const name = VENDOR_NAMES[index] ?? m.vendor;
  return {
    From: `${name} <no-reply@${m.vendor}.${SENDER_DOMAIN}>`,
    To: oneLine(m.to),
    Subject: oneLine(m.subject),
    Date: rfc5322Date(m.createdAt),
    'Message-ID': `<${m.id}.${m.vendor}@${SENDER_DOMAIN}>`,
  };
}

/** The message as a mail client would save it: headers, a blank line, the text; CRLF line ends. */
export function mailSource(m: MailMessage): string {
  const h = mailHeaders(m);
  const lines = [
    `From: ${encodeWord(h.From)}`,
    `To: ${h.To}`,
    `Subject: ${encodeWord(h.Subject)}`,
    `Date: ${h.Date}`,
    `Message-ID: ${h['Message-ID']}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    ...m.text.split(/\r?\n/),
  ];
  return `${lines.join('\r\n')}\r\n`;
}

/** `GET /mailbox/{id}`: the message as listed, its headers and its source. */
export const messageDetail = (m: MailMessage) => ({ ...messageView(m), headers: mailHeaders(m), raw: mailSource(m) });
