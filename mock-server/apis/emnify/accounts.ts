import { sha1Hex } from '../../domain/digests';
import type { AccountsDefinition } from '../../runtime';
import { emnifySettings } from './settings';

/** Clients send the SHA-1 hex digest of the password to authenticate; that digest is what is stored. */
export { sha1Hex };

/** EMnify's account rules: log in with the e-mail address, pending users may not, a lock-out after failures. */
export const accounts: AccountsDefinition = {
  policy(config) {
    const s = emnifySettings(config);
    return {
      pendingMayLogin: false,
      // EMnify states no password rule.
      minPasswordLength: 0,
      storedSecret: sha1Hex,
      // EMnify users log in with their e-mail address.
      usernameFor: (email) => email,
      codeBytes: 16,
      lockout: s.lockout,
      activationResendLimit: s.activationResend,
      codeTtlMs: { activation: s.activationKeyTtlMs },
    };
  },
  templates: {
    activation: (user, key) => ({
      subject: 'Activate your EMnify account',
      text: `Hello ${user.name || user.email},\n\nActivate your account and set your password here:\nhttps://portal.emnify.com/activation/${key}\n\nActivation key: ${key}\n`,
    }),
    'mfa-code': (user, code) => ({ subject: 'Your EMnify login code', text: `Hello ${user.name || user.email},\n\nYour one-time password is ${code}\n` }),
  },
  flows: ['activation'],
};
