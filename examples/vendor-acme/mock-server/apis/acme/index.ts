import { flow } from '../../domain/flows';
import { defineApi } from '../../http/types';
import { accounts } from './accounts';
import { contractCredentials } from './contract';
import { acmeError, acmeForcedError } from './errors';
import { authenticate, handlers, type AcmeState } from './handlers';
import { ID } from './id';
import { acmeSettings, SETTINGS_SCHEMA } from './settings';

/** Everything the mock needs of Acme; found because this folder exists (mock-server/apis/index.ts). */
export const api = defineApi<AcmeState>({
  id: ID,
  settings: SETTINGS_SCHEMA,
  accounts,
  createState: (runtime, v) => ({ accounts: v.accounts, activation: flow(v, 'activation'), settings: acmeSettings(runtime.config) }),
  handlers,
  authenticate,
  mapError: acmeError,
  forcedError: acmeForcedError,
  contractCredentials,
});
