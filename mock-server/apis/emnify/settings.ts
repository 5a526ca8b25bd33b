import { apiSettings, type MockConfig } from '../../config';
import type { EmnifySettings } from '../../generated/config';
import { SETTINGS_SCHEMA } from './settings-schema';

// EMnify settings, typed from SETTINGS_SCHEMA (settings-schema.ts); override any of them under `apis.emnify` in the config.
export { SETTINGS_SCHEMA, type EmnifySettings };

export const ID = 'emnify';

export const emnifySettings = (config: MockConfig): EmnifySettings => apiSettings(config, ID, SETTINGS_SCHEMA);
