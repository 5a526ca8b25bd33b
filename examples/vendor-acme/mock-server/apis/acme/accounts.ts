import type { AccountsDefinition } from '../../runtime';
import { acmeSettings } from './settings';

/** Acme's account rules: log in with the e-mail address, activate first, passwords of 8 or more. */
export const accounts: AccountsDefinition = {
  policy: (config) => ({
    pendingMayLogin: false,
    minPasswordLength: 8,
    // Acme accounts have no username of their own: the address is the login.
    usernameFor: (email) => email,
    codeBytes: 10,
    codeTtlMs: { activation: acmeSettings(config).activationCodeTtlMs },
  }),
  // One template for each kind in the spec's x-authmock-vendor.mailKinds.
  templates: {
    activation: (user, code) => ({
      subject: 'Activate your Acme account',
      text: `Hello ${user.name || user.email},\n\nYour activation code is ${code}\n`,
    }),
  },
  // Sign-up codes and their activation: the shared activation flow.
  flows: ['activation'],
};
