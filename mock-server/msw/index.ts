import { loadCompiledSpecsSync } from '../../contracts/core/spec-loader';
import { FIXTURE_ACCOUNTS } from '../../fixtures';
import { discoverApis } from '../apis';
import { createHandlersFrom, type AuthmockHandlers, type CreateHandlersOptions } from './create-handlers';

export type { AuthmockHandlers, CreateHandlersOptions } from './create-handlers';
export type { VendorBase } from './vendor-handlers';
export { AdminClient, AdminApiError, MailWaitTimeout, MAIL_WAIT_DEFAULT_MS } from '../admin-client';

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
