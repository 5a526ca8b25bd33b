import { flow } from '../../domain/flows';
import { defineApi } from '../../http/types';
import { accounts } from './accounts';
import { akanaError, akanaForcedError } from './errors';
import { checkAccept, handlers, type AkanaState } from './handlers';
import { akanaSettings, ID, SETTINGS_SCHEMA } from './settings';

export const api = defineApi<AkanaState>({
  id: ID,
  settings: SETTINGS_SCHEMA,
  accounts,
  createState: (runtime, v) => {
    const settings = akanaSettings(runtime.config);
    return { accounts: v.accounts, signup: flow(v, 'activation'), passwordReset: flow(v, 'passwordReset'), settings, perAddress: runtime.limiters.create(`${ID}.resendPerAddress`, settings.resendPerAddress) };
  },
  preflight: checkAccept,
  handlers,
  mapError: akanaError,
  forcedError: akanaForcedError,
});
