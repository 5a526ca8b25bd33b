import type { ValidateFunction } from '../../contracts/core/ajv';
import { schemaExportName, specsFromBundle, type BundleValidators, type SpecBundle } from '../../contracts/core/bundle';
import { usePrecompiledValidators } from '../config-schema';
import type { FixtureAccount } from '../../fixtures';
import type { ApiModule } from '../http/types';
import { createHandlersFrom, type AuthmockHandlers, type CreateHandlersOptions } from './create-handlers';

/** What the browser build imports in place of the files Node reads (see scripts/build-msw-browser.js). */
export interface BrowserParts {
  bundle: SpecBundle;
  validators: BundleValidators;
  /** The build's validators of the settings' schemas (a page then compiles none at start). */
  schemaValidators: Record<string, ValidateFunction | undefined>;
  apis: readonly ApiModule[];
  fixtures: readonly FixtureAccount[];
}

/**
 * `createHandlers` for a browser page (msw's `setupWorker`): the same engine
 * and handlers as in Node, from the specs, vendor modules and fixtures the
 * build put into the bundle. The specs are assembled once per page.
 */
export function browserCreateHandlers(parts: BrowserParts): (options?: CreateHandlersOptions) => AuthmockHandlers {
  let specs: ReturnType<typeof specsFromBundle> | undefined;
  usePrecompiledValidators((schemaText) => parts.schemaValidators[schemaExportName(schemaText)]);
  return (options = {}) => {
    specs ??= specsFromBundle(parts.bundle, parts.validators);
    return createHandlersFrom({ specs, apis: parts.apis, fixtures: parts.fixtures }, options);
  };
}
