import { AddressVerifications } from '../../domain/address-verifications';
import { flow } from '../../domain/flows';
import { defineApi } from '../../http/types';
import { accounts } from './accounts';
import { contractCredentials } from './contract';
import { authenticate } from './authenticate';
import { edgeImpulseError, edgeImpulseForcedError } from './errors';
import { handlers, type EdgeImpulseState } from './handlers';
import { edgeImpulseSettings, ID, SETTINGS_SCHEMA } from './settings';
import { Profiles } from './user-response';

export const api = defineApi<EdgeImpulseState>({
  id: ID,
  settings: SETTINGS_SCHEMA,
  accounts,
  createState: (runtime, v) => {
    const settings = edgeImpulseSettings(runtime.config);
    return {
      accounts: v.accounts,
      profiles: new Profiles((id) => v.accounts.byId(id) !== undefined),
      emailVerifications: new AddressVerifications(v.accounts, 'email-verification'),
      domainIdps: new Map(Object.entries(settings.ssoDomainIdps).map(([domain, idps]) => [domain.toLowerCase(), idps])),
      activation: flow(v, 'activation'),
      passwordReset: flow(v, 'passwordReset'),
      thirdParty: flow(v, 'thirdParty'),
      settings,
      cookies: new Map(),
    };
  },
  handlers,
  contractCredentials,
  authenticate,
  mapError: edgeImpulseError,
  forcedError: edgeImpulseForcedError,
});
