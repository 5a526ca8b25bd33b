import type { AccountsDefinition } from '../../runtime';
import { akanaSettings } from './settings';

/** Akana's account rules: users sign in with their e-mail address; pending sign-ups may not log in. */
export const accounts: AccountsDefinition = {
  policy(config) {
    const s = akanaSettings(config);
    return {
      pendingMayLogin: false,
      // Akana's password rules are a tenant setting; none is published, so none is enforced.
      minPasswordLength: 0,
      usernameFor: (email) => email,
      codeBytes: 10,
      codeTtlMs: { activation: s.activationCodeTtlMs, 'password-reset': s.activationCodeTtlMs, invitation: s.invitationCodeTtlMs },
    };
  },
  templates: {
    activation: (user, code) => ({
      subject: 'Your sign-up code',
      text: `Hello ${user.name || user.email},\n\nThank you for signing up. Your sign-up code is ${code}\n`,
    }),
    // The link of an invitation carries its code (signupUser/{InvitationCode}).
    invitation: (user, code) => ({
      subject: 'You are invited',
      text: `Hello ${user.name || user.email},\n\nYou have been invited to the platform. Sign up with your invitation code ${code}\n`,
    }),
    'password-reset': (user, code) => ({ subject: 'Reset your password', text: `Hello ${user.name || user.email},\n\nYour password reset code is ${code}\n` }),
  },
  flows: ['activation', 'passwordReset'],
};
