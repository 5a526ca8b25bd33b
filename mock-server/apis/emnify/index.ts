import { defineApi } from '../../http/types';
import { vendorAccounts } from '../../runtime';
import { accounts } from './accounts';
import { authenticate } from './authenticate';
import { emnifyError } from './errors';
import { handlers, type EmnifyState } from './handlers';
import { emnifySettings, ID } from './settings';

export const api = defineApi<EmnifyState>({
  id: ID,
  accounts,
  createState: (runtime) => ({ accounts: vendorAccounts(runtime, ID).accounts, settings: emnifySettings(runtime.config) }),
  handlers,
  authenticate,
  mapError: emnifyError,
});
