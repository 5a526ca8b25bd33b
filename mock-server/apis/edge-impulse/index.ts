import { defineApi } from '../../http/types';
import { vendorAccounts } from '../../runtime';
import { accounts } from './accounts';
import { authenticate } from './authenticate';
import { edgeImpulseError } from './errors';
import { handlers, type EdgeImpulseState } from './handlers';
import { edgeImpulseSettings, ID } from './settings';

export const api = defineApi<EdgeImpulseState>({
  id: ID,
  accounts,
  createState: (runtime) => ({ accounts: vendorAccounts(runtime, ID).accounts, settings: edgeImpulseSettings(runtime.config), cookies: new Map() }),
  handlers,
  authenticate,
  mapError: edgeImpulseError,
});
