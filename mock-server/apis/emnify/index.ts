import { defineApi } from '../../http/types';
import { emnifyError, emnifyForcedError } from './errors';
import { authenticate, handlers, sha1Hex, type EmnifyState } from './handlers';
import { emnifySettings, ID, SETTINGS_SCHEMA } from './settings';

export const api = defineApi<EmnifyState>({
  id: ID,
  settings: SETTINGS_SCHEMA,
  accounts: {
    policy(config) {
      const s = emnifySettings(config);
      return {
        pendingMayLogin: false,
        minPasswordLength: 8,
        codeBytes: 16,
        lockout: s.lockout,
        activationResendLimit: s.activationResend,
        codeTtlMs: { activation: s.activationKeyTtlMs, 'password-reset': s.activationKeyTtlMs, 'third-party-activation': s.activationKeyTtlMs },
      };
    },
    templates: {
      activation: (user, key) => ({
        subject: 'Activate your EMnify account',
        text: `Hello ${user.name || user.email},\n\nActivate your account and set your password here:\nhttps://portal.emnify.com/activation/${key}\n\nActivation key: ${key}\n`,
      }),
      'password-reset': (user, key) => ({ subject: 'Reset your EMnify password', text: `Hello ${user.name || user.email},\n\nReset key: ${key}\n` }),
      'third-party-activation': (user, key) => ({ subject: 'Your EMnify account', text: `Hello ${user.name || user.email},\n\nActivation key: ${key}\n` }),
    },
    secretFromPassword: sha1Hex,
    // EMnify users log in with their e-mail address.
    defaultUsername: (email) => email,
  },
  createState: (runtime, accounts) => ({ accounts, settings: emnifySettings(runtime.config) }),
  handlers,
  authenticate,
  mapError: emnifyError,
  forcedError: emnifyForcedError,
});
