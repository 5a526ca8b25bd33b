import { RateLimiter } from '../../domain/rate-limiter';
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
    return { accounts: vendorAccounts(runtime, ID).accounts, settings, perAddress: new RateLimiter(settings.resendPerAddress) };
  },
  preflight: checkAccept,
  handlers,
  mapError: akanaError,
});
