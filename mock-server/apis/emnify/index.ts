import { flow } from '../../domain/flows';
import { defineApi } from '../../http/types';
import { accounts } from './accounts';
import { contractCredentials } from './contract';
import { authenticate } from './authenticate';
import { emnifyError, emnifyForcedError } from './errors';
import { handlers } from './handlers';
import { limitAuthenticate } from './rate-limit';
import { emnifySettings, ID, SETTINGS_SCHEMA } from './settings';
import type { EmnifyState } from './state';

export const api = defineApi<EmnifyState>({
  id: ID,
  settings: SETTINGS_SCHEMA,
  accounts,
  createState: (runtime, v) => ({ accounts: v.accounts, activation: flow(v, 'activation'), settings: emnifySettings(runtime.config) }),
  handlers,
  contractCredentials,
  authenticate,
  // Every authenticate call counts against the per-IP limit, a malformed one too.
  preflight: (ctx) => {
    if (ctx.op.operationId === 'authenticate') limitAuthenticate(ctx);
  },
  mapError: emnifyError,
  forcedError: emnifyForcedError,
});
