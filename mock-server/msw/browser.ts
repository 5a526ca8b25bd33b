import { specsFromBundle, type BundleValidators, type SpecBundle } from '../../contracts/core/bundle';
import type { FixtureAccount } from '../../fixtures';
import type { ApiModule } from '../http/types';
import { createHandlersFrom, type AuthmockHandlers, type CreateHandlersOptions } from './create-handlers';

/** What the browser build imports in place of the files Node reads (see scripts/build-msw-browser.js). */
export interface BrowserParts {
  bundle: SpecBundle;
  validators: BundleValidators;
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
  return (options = {}) => {
    specs ??= specsFromBundle(parts.bundle, parts.validators);
    return createHandlersFrom({ specs, apis: parts.apis, fixtures: parts.fixtures }, options);
  };
}
