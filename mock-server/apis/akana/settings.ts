import { apiSettings, type MockConfig } from '../../config';
import type { AkanaSettings } from '../../generated/config';
import { SETTINGS_SCHEMA } from './settings-schema';

// Akana settings, typed from SETTINGS_SCHEMA (settings-schema.ts); override any of them under `apis.akana` in the config.
export { SETTINGS_SCHEMA, type AkanaSettings };

export const ID = 'akana';

export const akanaSettings = (config: MockConfig): AkanaSettings => apiSettings(config, ID, SETTINGS_SCHEMA);
