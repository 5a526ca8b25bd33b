import { defineApi } from '../../http/types';
import { authenticate } from './authenticate';
import { edgeImpulseError, edgeImpulseForcedError } from './errors';
import { handlers, type EdgeImpulseState } from './handlers';
import { edgeImpulseSettings, ID, SETTINGS_SCHEMA } from './settings';

const STUDIO = 'https://studio.edgeimpulse.com';

export const api = defineApi<EdgeImpulseState>({
  id: ID,
  settings: SETTINGS_SCHEMA,
  accounts: {
    policy(config) {
      const s = edgeImpulseSettings(config);
      return {
        // A pending user logs in to get the JWT that requesting an activation code needs.
        pendingMayLogin: true,
        minPasswordLength: 8,
        codeBytes: 10,
        codeTtlMs: { activation: s.activationCodeTtlMs, 'password-reset': s.resetCodeTtlMs, 'third-party-activation': s.thirdPartyCodeTtlMs },
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
    },
    // Usernames follow the documented pattern: the address's local part, dots to hyphens.
    defaultUsername: (email) => email.split('@')[0].replace(/[^a-zA-Z0-9-]/g, '-').replace(/^-+|-+$/g, '').slice(0, 30).padEnd(4, '0'),
  },
  createState: (runtime, accounts) => ({ accounts, settings: edgeImpulseSettings(runtime.config), cookies: new Map() }),
  handlers,
  authenticate,
  mapError: edgeImpulseError,
  forcedError: edgeImpulseForcedError,
});
