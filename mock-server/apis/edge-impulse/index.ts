import { defineApi } from '../../http/types';
import { accounts } from './accounts';
import { authenticate } from './authenticate';
import { edgeImpulseError, edgeImpulseForcedError } from './errors';
import { handlers, type EdgeImpulseState } from './handlers';
import { edgeImpulseSettings, ID, SETTINGS_SCHEMA } from './settings';

export const api = defineApi<EdgeImpulseState>({
  id: ID,
  settings: SETTINGS_SCHEMA,
  accounts,
  createState: (runtime, accounts) => ({ accounts, settings: edgeImpulseSettings(runtime.config), cookies: new Map() }),
  handlers,
  authenticate,
  mapError: edgeImpulseError,
  forcedError: edgeImpulseForcedError,
});
