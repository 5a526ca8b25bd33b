import type { HttpHandler } from 'msw';
import type { CompiledSpec } from '../../contracts/core/compile';
import type { FixtureAccount } from '../../fixtures';
import type { AdminClient } from '../admin-client';
import type { ConfigInput } from '../config';
import { createEngine, type Engine } from '../create-engine';
import type { AdjustableClock } from '../domain/clock';
import type { Logger } from '../domain/logger';
import type { RandomSource } from '../domain/random';
import type { ApiModule } from '../http/types';
import { inProcessAdmin } from './in-process';
import { specServerUrl, vendorHandlers, type VendorBase } from './vendor-handlers';

export interface CreateHandlersOptions {
  /** Base URLs by vendor id, where the app calls each vendor (default: the spec's server URL, e.g. `https://studio.edgeimpulse.com/v1`). */
  vendors?: Record<string, string>;
  /** Any part of the configuration, as for `createApp` and the config file. */
  config?: ConfigInput;
  /** Accounts seeded at start and on every reset (default: the package's fixtures). */
  fixtures?: readonly FixtureAccount[];
  clock?: AdjustableClock;
  random?: RandomSource;
  /** Where warnings go (default: the console). */
  logger?: Logger;
  /** Sent by `admin` as `X-Authmock-Tenant`: every admin call addresses that tenant's world. */
  tenant?: string;
}

/** What `createHandlers()` gives: msw handlers for every vendor, and the admin API in-process. */
export interface AuthmockHandlers {
  /** For `setupServer(...handlers)` or `setupWorker(...handlers)`. */
  handlers: HttpHandler[];
  /** The same API as `startMock().admin`: users, mailbox (with `waitFor`), clock, faults, reset, tenants. */
  admin: AdminClient;
  /** Where each vendor is answered. */
  vendors: VendorBase[];
  /** The mock itself: its worlds and runtime, as `createApp()` exposes them. */
  engine: Engine;
}

/** What a platform supplies: the compiled specs, the API modules and the seeded accounts. */
export interface HandlerParts {
  specs: Map<string, CompiledSpec>;
  apis: readonly ApiModule[];
  fixtures: readonly FixtureAccount[];
}

/** Builds the handlers from a platform's parts (Node: msw/index.ts; the browser: msw/browser.ts). */
export function createHandlersFrom(parts: HandlerParts, options: CreateHandlersOptions = {}): AuthmockHandlers {
  const engine = createEngine({
    specs: parts.specs,
    apis: parts.apis,
    fixtures: options.fixtures ?? parts.fixtures,
    config: options.config,
    clock: options.clock,
    random: options.random,
    logger: options.logger,
  });
  const unknown = Object.keys(options.vendors ?? {}).filter((id) => !parts.apis.some((m) => m.accounts && m.id === id));
  if (unknown.length) throw new Error(`createHandlers: no vendor ${unknown.join(', ')} (known: ${parts.apis.filter((m) => m.accounts).map((m) => m.id).join(', ')})`);
  const vendors: VendorBase[] = parts.apis
    .filter((m) => m.accounts)
    .map((m) => {
      const spec = parts.specs.get(m.id)!;
      const base = (options.vendors?.[m.id] ?? specServerUrl(spec) ?? '').replace(/\/+$/, '');
      if (!/^https?:\/\//.test(base)) throw new Error(`createHandlers: vendor ${m.id} needs an absolute base URL (options.vendors.${m.id}); its spec names none`);
      return { vendor: m.id, base, basePath: spec.basePath };
    });
  return { handlers: vendorHandlers(engine.handle, vendors), admin: inProcessAdmin(engine.handle, { tenant: options.tenant }), vendors, engine };
}
