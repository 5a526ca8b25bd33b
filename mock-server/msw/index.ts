import { precompiledValidator } from '../../contracts/core/precompiled';
import { loadCompiledSpecsSync, SPEC_BUNDLE_DIR } from '../../contracts/core/spec-loader';
import { FIXTURE_ACCOUNTS } from '../../fixtures';
import { discoverApis } from '../apis';
import { usePrecompiledValidators } from '../config-schema';
import { createHandlersFrom, type AuthmockHandlers, type CreateHandlersOptions } from './create-handlers';

export type { AuthmockHandlers, CreateHandlersOptions } from './create-handlers';
export type { VendorBase } from './vendor-handlers';
export { AdminClient, AdminApiError, MailWaitTimeout, MAIL_WAIT_DEFAULT_MS } from '../admin-client';

// The config schema's validator, as the build compiled it: createHandlers() compiles none.
usePrecompiledValidators((schemaText) => precompiledValidator(schemaText, SPEC_BUNDLE_DIR));

/**
 * authmock's stateful vendors as msw handlers, in Node (`msw/node`'s
 * `setupServer`): the app calls the vendors' real URLs, and `admin` reads the
 * mail, moves the clock, adds faults and resets, all in-process. Each call
 * makes a mock of its own; `admin.reset()` between tests starts afresh.
 *
 *   const { handlers, admin } = createHandlers();
 *   const server = setupServer(...handlers);
 */
export function createHandlers(options: CreateHandlersOptions = {}): AuthmockHandlers {
  return createHandlersFrom({ specs: loadCompiledSpecsSync(), apis: discoverApis(), fixtures: FIXTURE_ACCOUNTS }, options);
}
