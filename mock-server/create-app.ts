import { ByteBudget } from './domain/byte-budget';
import { UserQuota } from './domain/user-quota';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { CompiledSpec } from '../contracts/core';
import { precompiledValidator } from '../contracts/core/precompiled';
import { SPEC_BUNDLE_DIR } from '../contracts/core/spec-loader';
import { FIXTURE_ACCOUNTS, type FixtureAccount } from '../fixtures';
import { checkMailKinds, discoverApis } from './apis';
import { resolveConfig, type ConfigInput, type MockConfig } from './config';
import { usePrecompiledValidators } from './config-schema';
import { AdjustableClock } from './domain/clock';
import { LongLived, type Timers } from './domain/events';
import type { Mailbox } from './domain/mailbox';
import { cryptoRandom, type RandomSource } from './domain/random';
import type { UserStore } from './domain/user-store';
import { consoleMiddleware } from './console';
import { changeNotifier, type StateChange } from './http/change-notifier';
import { adminGuard } from './http/admin-guard';
import { corsMiddleware } from './http/cors';
import { consoleLogger, notFound, requestLog, unexpectedError, type Logger } from './http/fallbacks';
import { Lifecycle } from './http/lifecycle';
import { pipeline } from './http/pipeline';
import { isLoopback } from './http/origins';
import { methodNotAllowed, operationStage, OperationTable, pairApis, type MountedApi } from './http/router';
import type { Runtime } from './runtime';
import type { ApiModule, StorageStatus } from './http/types';
import { operationWorld, tenantRouting } from './http/tenant-routing';
import type { FixtureHashes } from './fixtures-loader';
import type { World } from './world';
import { Worlds } from './worlds';

// The settings' validators compiled by the build, for every configuration resolved in this process (see config-schema.ts).
usePrecompiledValidators((schemaText) => precompiledValidator(schemaText, SPEC_BUNDLE_DIR));

/**
 * Fixture password hashes shared by the apps of this process that draw from
 * the secure random source: scrypt (plain JavaScript, so that the domain runs
 * without Node) was most of a later startMock(). An app given its own random
 * source (a seeded one, in tests) hashes its own, so that its draws stay as
 * they were. Keyed by the hash cost and the APIs' settings, from which a
 * vendor's policy is made; a few kept, each of a bounded size.
 */
const sharedFixtureHashes = new Map<string, FixtureHashes>();
const SHARED_FIXTURE_CONFIGS = 8;
const SHARED_FIXTURE_PASSWORDS = 10_000;

function fixtureHashesFor(config: MockConfig): FixtureHashes {
  const key = JSON.stringify([config.passwordHashCost, config.apis]);
  let hashes = sharedFixtureHashes.get(key);
  if (!hashes || hashes.size > SHARED_FIXTURE_PASSWORDS) {
    if (!hashes && sharedFixtureHashes.size >= SHARED_FIXTURE_CONFIGS) sharedFixtureHashes.clear();
    sharedFixtureHashes.set(key, (hashes = new Map()));
  }
  return hashes;
}

export interface AppDeps {
  /** Compiled once at start-up (see `loadCompiledSpecs`); shared with the contract kit. */
  specs: Map<string, CompiledSpec>;
  clock?: AdjustableClock;
  random?: RandomSource;
  users?: UserStore;
  mailbox?: Mailbox;
  /** Any part of the configuration; merged over the defaults and checked against the schema (a ConfigError names the problem). */
  config?: ConfigInput;
  /** Accounts seeded at start and on every reset; defaults to `fixtures/accounts.json`. */
  fixtures?: readonly FixtureAccount[];
  /** Defaults to every folder under `mock-server/apis/`. */
  apis?: readonly ApiModule[];
  logger?: Logger;
  /** The address the server listens on; unless it is a non-loopback one, the admin API checks `Host`. */
  host?: string;
  /** How fault delays and latency wait; defaults to a timer. */
  sleep?: (ms: number) => Promise<void>;
  /**
   * Called after every request that may have changed state (any method but
   * GET, HEAD and OPTIONS) with the world it was served in, and with no
   * argument when a tenant was created or dropped; the state file's saver listens here.
   */
  onChange?: (change?: StateChange) => void;
  /** Whether the state can be kept; while it cannot, changes are refused with 503 (see `GET /__admin/health`). Defaults to in memory. */
  storage?: StorageStatus;
  /** Timers for long polls and event-stream heartbeats; defaults to the real ones. */
  timers?: Timers;
}

/** `runtime` and `world` are the default world's; `worlds` holds it and every tenant's. */
export type MockApp = Express & {
  runtime: Runtime;
  world: World;
  worlds: Worlds;
  /** Ends every open long poll (204) and event stream of every world now; call it before closing the server. */
  closeLongLived(): void;
  /** Hooks run when the mock starts closing (long-lived responses first); `startMock`'s `close` runs them. */
  lifecycle: Lifecycle;
};

/** Builds the mock as an Express app; never listens (see main.ts). */
export function createApp(deps: AppDeps): MockApp {
  const modules = deps.apis ?? discoverApis();
  const config = resolveConfig(deps.config, modules);
  const pairs = pairApis(deps.specs, modules);
  checkMailKinds(deps.specs, modules);
  const mounted: MountedApi[] = pairs.map((p, index) => ({ ...p, index }));
  // Built at start-up: two operations on one method and path stop the mock before it serves anything.
  const table = new OperationTable(mounted);
  const logger = deps.logger ?? consoleLogger;
  const longLived = new LongLived();
  // Only APIs with their own forced-error envelope may be faulted: the vendors, not the admin API.
  const faultTargets = new Map(pairs.filter((p) => p.module.forcedError).map((p) => [p.module.id, new Set(p.spec.byOperationId.keys())]));
  const lifecycle = new Lifecycle();
  lifecycle.onClose(() => longLived.closeAll());
  // Bounds in bytes across all worlds, so tenants do not multiply them (journalBytes, mailboxBytes).
  const budgets = { journal: new ByteBudget(config.journalBytes), mailbox: new ByteBudget(config.mailboxBytes) };
  const recipe = { config, apis: mounted.map((m) => m.module), fixtures: deps.fixtures ?? FIXTURE_ACCOUNTS, random: deps.random ?? cryptoRandom, faultTargets, sleep: deps.sleep, logger, timers: deps.timers, longLived, budgets, userQuota: new UserQuota(config.maxUsers), fixtureHashes: deps.random ? new Map() : fixtureHashesFor(config) };
  const onChange = deps.onChange;
  const worlds = new Worlds(recipe, { clock: deps.clock ?? new AdjustableClock(), users: deps.users, mailbox: deps.mailbox }, config.maxTenants, onChange && (() => onChange()));
  const world = worlds.default;
  const worldOf = (res: Response): World => (res.locals.world as World | undefined) ?? world;

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  // One middleware for the whole way through, each stage only when its feature is on (see pipeline.ts).
  app.use(
    pipeline([
      logger.debug && requestLog(logger),
      // While closing, answers end their connection, so keep-alive clients let go.
      (_req: Request, res: Response, next: NextFunction) => (lifecycle.closing ? (res.setHeader('Connection', 'close'), next()) : next()),
      // The console's page and files are not API calls: served before tenants, the journal and the admin checks.
      consoleMiddleware(),
      // Before tenant routing, so the admin API is guarded under every prefix alike.
      adminGuard({ corsOrigins: config.corsOrigins, allowedHosts: config.allowedHosts, adminToken: config.adminToken, checkHost: deps.host === undefined || isLoopback(deps.host) }),
      tenantRouting((name) => worlds.find(name)),
      (req: Request, res: Response, next: NextFunction) => {
        // A tenant that does not exist has no journal: a read of it leaves no trace, and one that creates it is journaled there.
        if (res.locals.absentTenant === undefined) worldOf(res).journal.track(req, res);
        next();
      },
      deps.onChange && changeNotifier(deps.onChange),
      corsMiddleware(config.corsOrigins),
      operationStage(
        table,
        operationWorld({
          current: worldOf,
          create: (name) => worlds.tenant(name),
          absent: (name) => ({ ...worlds.pristine(), absentTenant: name }),
          corsOrigins: config.corsOrigins,
          onlyAdminCreates: Boolean(config.adminToken),
        }),
        deps.storage,
      ),
      methodNotAllowed(table),
      notFound(mounted.flatMap((m) => m.spec.operations.map((o) => `${o.method.toUpperCase()} ${o.fullPath}`))),
    ]),
  );
  app.use(unexpectedError(logger));
  return Object.assign(app, { runtime: world.runtime, world, worlds, closeLongLived: () => longLived.closeAll(), lifecycle });
}
