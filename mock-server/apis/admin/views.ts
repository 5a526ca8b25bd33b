import type { MailMessage } from '../../domain/mailbox';
import type { User } from '../../domain/user-store';
import type { JournalEntry } from '../../http/journal';
import { mailKind } from '../../vendors';

const iso = (ms: number): string => new Date(ms).toISOString();

/** A user as the admin API shows it: no password hash, no MFA secret, no codes. */
export function userView(u: User) {
  return {
    id: u.id,
    vendor: u.vendor,
    email: u.email,
    username: u.username,
    name: u.name,
    status: u.status,
    mfa: u.mfaSecret !== null,
    createdAt: iso(u.createdAt),
    updatedAt: iso(u.updatedAt),
    activatedAt: u.activatedAt === null ? null : iso(u.activatedAt),
  };
}

export const messageView = (m: MailMessage) => ({ ...m, kind: mailKind(m.kind), createdAt: iso(m.createdAt) });

export const journalView = (e: JournalEntry) => ({ ...e, at: iso(e.at) });
