import type { AccountsDefinition } from '../../runtime';
import { edgeImpulseSettings } from './settings';

const STUDIO = 'https://studio.edgeimpulse.com';

/** The vendor's username rule, as its API describes `username` (4 to 30 characters, no leading, trailing or doubled `.`/`_`). */
export const USERNAME_PATTERN = /^(?=.{4,30}$)(?![_.])(?!.*[_.]{2})[a-zA-Z0-9._-]+(?<![_.])$/;

/** A username that keeps the rule, made from an address's local part (dots and other characters become hyphens). */
export function usernameFromEmail(email: string): string {
  return email.split('@')[0].replace(/[^a-zA-Z0-9-]/g, '-').replace(/^-+|-+$/g, '').slice(0, 30).padEnd(4, '0');
}

/** Edge Impulse's account rules: pending users may log in, passwords have at least 8 characters, usernames follow the pattern. */
export const accounts: AccountsDefinition = {
  policy(config) {
    const s = edgeImpulseSettings(config);
    return {
      // A pending user logs in to get the JWT that requesting an activation code needs.
      pendingMayLogin: true,
      // The vendor states 8 for createUser's password; the mock applies it to every new password (x-inferred for newPassword).
      minPasswordLength: 8,
      usernameFor: usernameFromEmail,
      usernameProblem: (u) =>
        USERNAME_PATTERN.test(u) ? undefined : `Username '${u}' is not valid: use 4 to 30 letters, digits, hyphens, underscores and dots, not starting or ending with a dot or underscore`,
      codeBytes: 10,
      codeTtlMs: {
        activation: s.activationCodeTtlMs,
        'password-reset': s.resetCodeTtlMs,
        'third-party-activation': s.thirdPartyCodeTtlMs,
        'email-verification': s.emailVerificationCodeTtlMs,
        'signup-approval': s.signupApprovalCodeTtlMs,
      },
    };
  },
  templates: {
    activation: (user, code) => ({
      subject: 'Activate your Edge Impulse account',
      text: `Hi ${user.name || user.username || user.email},\n\nYour activation code is ${code}\n\nEnter it in the Studio to activate your account, or open ${STUDIO}/activate?code=${code}\n`,
    }),
    'password-reset': (user, code) => ({
      subject: 'Reset your Edge Impulse password',
      text: `Hi ${user.name || user.username || user.email},\n\nYour password reset code is ${code}\n\nIf you did not ask for it, ignore this e-mail.\n`,
    }),
    'third-party-activation': (user, code) => ({
      subject: 'Your Edge Impulse account is ready',
      text: `Hi ${user.name || user.email},\n\nAn account was created for you. Activate it with code ${code} at ${STUDIO}/activate-by-third-party?code=${code}\n`,
    }),
    // The address may have no account yet: it greets the address.
    'email-verification': (recipient, code) => ({
      subject: 'Verify your e-mail address for Edge Impulse',
      text: `Hi ${recipient.name || recipient.email},\n\nYour verification code is ${code}\n\nIf you did not ask for it, ignore this e-mail.\n`,
    }),
    // Sent to the approver; the name and username are the applicant's.
    'signup-approval': (applicant, code) => ({
      subject: 'An Edge Impulse sign-up awaits your approval',
      text: `Hello,\n\n${applicant.name || applicant.username || 'Someone'} asked to sign up for Edge Impulse and named you as approver. Approve the sign-up with code ${code}\n`,
    }),
  },
  flows: ['activation', 'passwordReset', 'thirdParty'],
};
