import { apiSettings, type MockConfig } from '../../config';
import type { AcmeSettings } from '../../generated/config';
import { ID } from './id';
import { SETTINGS_SCHEMA } from './settings-schema';

export { SETTINGS_SCHEMA, type AcmeSettings };

export const acmeSettings = (config: MockConfig): AcmeSettings => apiSettings(config, ID, SETTINGS_SCHEMA);
