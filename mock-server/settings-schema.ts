/**
 * The shape of a settings schema and the one helper the schemas share. Kept free of
 * dependencies, like every schema module (core-settings-schema.ts, apis/<id>/settings-schema.ts),
 * so scripts/generate-config-types.js can evaluate the schemas before the build.
 */

/** A JSON Schema of settings; each leaf carries its `default`, so the schema is the one place defaults live. */
export interface SettingsSchema {
  type?: string | string[];
  description?: string;
  default?: unknown;
  properties?: Record<string, SettingsSchema>;
  required?: readonly string[];
  additionalProperties?: boolean | SettingsSchema;
  items?: SettingsSchema;
  /** A setting of several shapes, e.g. a number or a pair. */
  oneOf?: readonly SettingsSchema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  enum?: readonly unknown[];
  [keyword: string]: unknown;
}

/** An integer setting with its default; counts and durations, so at least 1 unless said. */
export const int = (description: string, value: number, minimum = 1, maximum?: number): SettingsSchema => ({
  type: 'integer',
  description,
  default: value,
  minimum,
  ...(maximum === undefined ? {} : { maximum }),
});

/** A rate limit (the domain's RateLimit): so many per window, each with its default. */
export const rateLimit = (description: string, perWindow: string, limit: number, windowMs: number): SettingsSchema => ({
  type: 'object',
  additionalProperties: false,
  required: ['limit', 'windowMs'],
  description,
  properties: { limit: int(perWindow, limit), windowMs: int('Window, in ms', windowMs) },
});
