import type { AccountsDefinition } from '../../runtime';
import { akanaSettings } from './settings';

/** Akana's account rules: users sign in with their e-mail address; pending sign-ups may not log in. */
export const accounts: AccountsDefinition = {
  policy(config) {
    const s = akanaSettings(config);
    return {
      pendingMayLogin: false,
      minPasswordLength: 8,
      usernameFor: (email) => email,
      codeBytes: 10,
      codeTtlMs: { activation: s.activationCodeTtlMs, 'password-reset': s.activationCodeTtlMs, 'third-party-activation': s.activationCodeTtlMs },
    };
  },
  templates: {
    activation: (user, code) => ({
      subject: 'Your activation code',
      text: `Hello ${user.name || user.email},\n\nThank you for signing up. Your activation code is ${code}\n`,
    }),
    'password-reset': (user, code) => ({ subject: 'Reset your password', text: `Hello ${user.name || user.email},\n\nYour password reset code is ${code}\n` }),
    'third-party-activation': (user, code) => ({ subject: 'Your account', text: `Hello ${user.name || user.email},\n\nYour activation code is ${code}\n` }),
  },
};
