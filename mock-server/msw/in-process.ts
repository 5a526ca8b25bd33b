import { AdminClient, type AdminClientOptions } from '../admin-client';
import type { ExchangeHandler } from '../http/exchange';
import { serveFetch, toResponse } from '../http/fetch/adapter';

/** The origin in-process requests are addressed to; nothing listens there, and msw never sees them. */
export const IN_PROCESS_ORIGIN = 'http://authmock.in-process';

/**
 * A `fetch` that hands every request to the pipeline directly: no socket, no
 * msw (which would otherwise intercept the global fetch it patched).
 */
export function inProcessFetch(handle: ExchangeHandler): typeof fetch {
  return async (input, init) => {
    const outcome = await serveFetch(handle, new Request(input, init));
    // As a dropped connection looks to fetch.
    if (outcome === 'dropped') throw new TypeError('fetch failed: the mock dropped the connection');
    return toResponse(outcome);
  };
}

/** The same client as `startMock().admin`, talking to the pipeline in-process. */
export function inProcessAdmin(handle: ExchangeHandler, options: Omit<AdminClientOptions, 'fetch'> = {}): AdminClient {
  return new AdminClient(IN_PROCESS_ORIGIN, { ...options, fetch: inProcessFetch(handle) });
}
