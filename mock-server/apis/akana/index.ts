import { flow } from '../../domain/flows';
import { defineApi } from '../../http/types';
import { accounts } from './accounts';
import { authenticate } from './authenticate';
import { contractCredentials } from './contract';
import { akanaError, akanaForcedError } from './errors';
import { checkAccept, handlers } from './handlers';
import { EndedSessions } from './ended-sessions';
import { akanaSettings, ID, SETTINGS_SCHEMA } from './settings';
import type { AkanaState } from './state';

export const api = defineApi<AkanaState>({
  id: ID,
  settings: SETTINGS_SCHEMA,
  accounts,
  createState: (runtime, v) => {
    const settings = akanaSettings(runtime.config);
    return {
      accounts: v.accounts,
      signup: flow(v, 'activation'),
      passwordReset: flow(v, 'passwordReset'),
      settings,
      perAddress: runtime.limiters.create(`${ID}.resendPerAddress`, settings.resendPerAddress),
      // Not in the state document, like MFA keys: a restart forgets which sessions were ended (their cookies expire within sessionTtlSeconds).
      ended: new EndedSessions(),
    };
  },
  preflight: checkAccept,
  authenticate,
  contractCredentials,
  handlers,
  mapError: akanaError,
  forcedError: akanaForcedError,
});
