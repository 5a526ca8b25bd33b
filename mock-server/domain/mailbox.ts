import type { VendorId } from '../generated/vendors';
import type { CodeKind } from './code-store';
import { RingBuffer } from './ring-buffer';
import type { User } from './user-store';

/** A code mail, or a one-time password sent at login (EMnify's MFA). */
export type MailKind = CodeKind | 'mfa-code';

export interface MailMessage {
  id: number;
  vendor: VendorId;
  kind: MailKind;
  to: string;
  subject: string;
  text: string;
  code: string;
  createdAt: number;
}

/** What a vendor's e-mail of one kind says to a user, given its code. */
export type MailTemplate = (user: User, code: string) => { subject: string; text: string };

export type OutgoingMail = Omit<MailMessage, 'id' | 'createdAt'>;

/** Where the mock "sends" e-mail. The default captures it; a test may pass its own. */
export interface Mailer {
  send(mail: OutgoingMail, now: number): MailMessage;
}

export interface MailFilter {
  to?: string;
  vendor?: string;
  kind?: MailKind;
}

/** Whether a message matches a filter (address case-insensitively) and is newer than `after`. */
export function mailMatcher(filter: MailFilter, after = 0): (m: MailMessage) => boolean {
  const to = filter.to?.toLowerCase();
  return (m) => m.id > after && (!to || m.to.toLowerCase() === to) && (!filter.vendor || m.vendor === filter.vendor) && (!filter.kind || m.kind === filter.kind);
}

/** Captures every e-mail, keeping the newest `capacity` of them. */
export class Mailbox implements Mailer {
  private readonly messages: RingBuffer<MailMessage>;
  private nextId = 1;

  constructor(capacity = 10_000) {
    this.messages = new RingBuffer(capacity);
  }

  send(mail: OutgoingMail, now: number): MailMessage {
    const message: MailMessage = { id: this.nextId++, createdAt: now, ...mail };
    this.messages.push(message);
    return message;
  }

  /** Newest first; `after` keeps only messages with a larger id. */
  list(filter: MailFilter = {}, limit?: number, after = 0): MailMessage[] {
    return this.messages.newestFirst(limit, mailMatcher(filter, after));
  }

  /** Messages kept. */
  get size(): number {
    return this.messages.size;
  }

  clear(): void {
    this.messages.clear();
  }

  /** Every kept message, oldest first, and the next id, for a state document. */
  snapshot(): { nextId: number; messages: MailMessage[] } {
    return { nextId: this.nextId, messages: this.messages.newestFirst().reverse() };
  }

  /** Replaces the mailbox; beyond its capacity only the newest messages stay, as when they were sent. */
  restore(data: { nextId: number; messages: readonly MailMessage[] }): void {
    this.clear();
    let last = 0;
    for (const m of data.messages) {
      this.messages.push({ ...m });
      last = Math.max(last, m.id);
    }
    this.nextId = Math.max(data.nextId, last + 1);
  }
}
