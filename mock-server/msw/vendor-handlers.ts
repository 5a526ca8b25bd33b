import { http, HttpResponse, type HttpHandler } from 'msw';
import type { CompiledSpec } from '../../contracts/core/compile';
import { serverUrl } from '../../contracts/core/operations';
import type { ExchangeHandler } from '../http/exchange';
import { serveFetch } from '../http/fetch/adapter';
import { IN_PROCESS_ORIGIN } from './in-process';

/** Where a vendor's API is reached: the spec's server URL unless `options.vendors` names another. */
export interface VendorBase {
  vendor: string;
  /** The URL the app calls, without a trailing slash (`https://studio.edgeimpulse.com/v1`). */
  base: string;
  /** The spec's own base path, under which the mock serves the vendor (`/v1`). */
  basePath: string;
}

/** The first server URL of a spec, its variables at their defaults. */
export function specServerUrl(spec: CompiledSpec): string | undefined {
  return serverUrl(spec.document)?.replace(/\/+$/, '');
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * One msw handler per vendor, for every request under its base URL: the
 * request is re-addressed to the mock's own path for it and served by the
 * pipeline in-process, so validation, envelopes, faults and the journal are
 * the server's. Cookies msw keeps for the page (a browser drops Set-Cookie
 * from a script's response) are sent along, as a browser would send them.
 */
export function vendorHandlers(handle: ExchangeHandler, bases: readonly VendorBase[]): HttpHandler[] {
  return bases.map(({ base, basePath }) =>
    http.all(new RegExp(`^${escapeRegExp(base)}(?:[/?#]|$)`), async ({ request, cookies }) => {
      const url = new URL(request.url);
      const rest = url.href.slice(base.length).replace(/#.*$/, '');
      const headers = new Headers(request.headers);
      const jar = Object.entries(cookies ?? {});
      if (!headers.has('cookie') && jar.length > 0) headers.set('cookie', jar.map(([n, v]) => `${n}=${v}`).join('; '));
      const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.arrayBuffer();
      const target = new Request(`${IN_PROCESS_ORIGIN}${basePath}${rest.startsWith('/') || rest === '' || rest.startsWith('?') ? rest : `/${rest}`}`, {
        method: request.method,
        headers,
        body,
        signal: request.signal,
      });
      const outcome = await serveFetch(handle, target);
      if (outcome === 'dropped') return HttpResponse.error();
      return new HttpResponse(outcome.body as ConstructorParameters<typeof HttpResponse>[0], { status: outcome.status, headers: outcome.headers });
    }),
  );
}
