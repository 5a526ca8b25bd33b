import { defineApi } from '../../http/types';
import { vendorAccounts } from '../../runtime';
import { accounts } from './accounts';
import { akanaError } from './errors';
import { checkAccept, handlers, type AkanaState } from './handlers';
import { akanaSettings, ID } from './settings';

export const api = defineApi<AkanaState>({
  id: ID,
  accounts,
  createState: (runtime) => {
    const settings = akanaSettings(runtime.config);
    return { accounts: vendorAccounts(runtime, ID).accounts, settings, perAddress: runtime.limiters.create(`${ID}.resendPerAddress`, settings.resendPerAddress) };
  },
  preflight: checkAccept,
  handlers,
  mapError: akanaError,
});
