import { flow } from '../../domain/flows';
import { defineApi } from '../../http/types';
import { accounts } from './accounts';
import { contractCredentials } from './contract';
import { authenticate } from './authenticate';
import { edgeImpulseError, edgeImpulseForcedError } from './errors';
import { handlers, type EdgeImpulseState } from './handlers';
import { edgeImpulseSettings, ID, SETTINGS_SCHEMA } from './settings';

export const api = defineApi<EdgeImpulseState>({
  id: ID,
  settings: SETTINGS_SCHEMA,
  accounts,
  createState: (runtime, v) => ({ accounts: v.accounts, activation: flow(v, 'activation'), passwordReset: flow(v, 'passwordReset'), thirdParty: flow(v, 'thirdParty'), settings: edgeImpulseSettings(runtime.config), cookies: new Map() }),
  handlers,
  contractCredentials,
  authenticate,
  mapError: edgeImpulseError,
  forcedError: edgeImpulseForcedError,
});
