import { apiSettings, type MockConfig } from '../../config';
import type { EdgeImpulseSettings } from '../../generated/config';
import { SETTINGS_SCHEMA } from './settings-schema';

// Edge Impulse settings, typed from SETTINGS_SCHEMA (settings-schema.ts); override any of them under `apis['edge-impulse']` in the config.
export { SETTINGS_SCHEMA, type EdgeImpulseSettings };

export const ID = 'edge-impulse';

export const edgeImpulseSettings = (config: MockConfig): EdgeImpulseSettings => apiSettings(config, ID, SETTINGS_SCHEMA);
