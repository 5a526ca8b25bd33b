import type { CompiledSpec } from '../contracts/core/compile';
import type { FixtureAccount } from '../fixtures';
import { resolveConfig, type ConfigInput, type MockConfig } from './config';
import { ByteBudget } from './domain/byte-budget';
import { AdjustableClock } from './domain/clock';
import { LongLived, type Timers } from './domain/events';
import { checkMailKinds } from './apis/mail-kinds';
import type { Logger } from './domain/logger';
import type { Mailbox } from './domain/mailbox';
import { cryptoRandom, type RandomSource } from './domain/random';
import { UserQuota } from './domain/user-quota';
import type { UserStore } from './domain/user-store';
import { adminGuard } from './http/admin-guard';
import { changeNotifier, type StateChange } from './http/change-notifier';
import { corsMiddleware } from './http/cors';
import type { ExchangeHandler, PipelineResponse, Stage } from './http/exchange';
import { consoleLogger, notFound, requestLog } from './http/fallbacks';
import { Lifecycle } from './http/lifecycle';
import { isLoopback } from './http/origins';
import { pipeline } from './http/pipeline';
import { RefusalLog } from './http/refusal-log';
import { methodNotAllowed, operationStage, OperationTable, pairApis, type MountedApi } from './http/router';
import { operationWorld, tenantRouting } from './http/tenant-routing';
import type { ApiModule, StorageStatus } from './http/types';
import type { FixtureHashes } from './fixtures-loader';
import type { Runtime } from './runtime';
import type { World } from './world';
import { Worlds } from './worlds';

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

export interface EngineDeps {
  /** Compiled once at start-up (see `loadCompiledSpecs`); shared with the contract kit. */
  specs: Map<string, CompiledSpec>;
  /** The API modules, one per spec (see apis/index.ts for the folders a server finds). */
  apis: readonly ApiModule[];
  clock?: AdjustableClock;
  random?: RandomSource;
  users?: UserStore;
  mailbox?: Mailbox;
  /** Any part of the configuration; merged over the defaults and checked against the schema (a ConfigError names the problem). */
  config?: ConfigInput;
  /** Accounts seeded at start and on every reset (a server reads `fixtures/<vendor>.json`). */
  fixtures: readonly FixtureAccount[];
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
  /** Served before anything else (the console's page and files, which are no API calls). */
  leading?: Stage;
}

/** The mock without any server: one handler for every exchange, and the worlds it serves. */
export interface Engine {
  handle: ExchangeHandler;
  config: MockConfig;
  /** The default world's runtime. */
  runtime: Runtime;
  world: World;
  worlds: Worlds;
  /** Ends every open long poll (204) and event stream of every world now; call it before closing the server. */
  closeLongLived(): void;
  /** Hooks run when the mock starts closing (long-lived responses first). */
  lifecycle: Lifecycle;
}

/**
 * Builds the mock's request pipeline, free of any framework and of Node's
 * built-ins: `createApp` serves it through Express and `node:http`, and
 * `authmock/msw` through msw's handlers. Every API module is checked against
 * its spec here, so a mismatch stops the mock before it serves anything.
 */
export function createEngine(deps: EngineDeps): Engine {
  const modules = deps.apis;
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
  const recipe = { config, apis: mounted.map((m) => m.module), fixtures: deps.fixtures, random: deps.random ?? cryptoRandom, faultTargets, sleep: deps.sleep, logger, timers: deps.timers, longLived, budgets, userQuota: new UserQuota(config.maxUsers), fixtureHashes: deps.random ? new Map() : fixtureHashesFor(config) };
  const onChange = deps.onChange;
  const worlds = new Worlds(recipe, { clock: deps.clock ?? new AdjustableClock(), users: deps.users, mailbox: deps.mailbox }, config.maxTenants, onChange && (() => onChange()));
  const world = worlds.default;
  const worldOf = (res: PipelineResponse): World => (res.locals.world as World | undefined) ?? world;
  const refusals = new RefusalLog(logger);

  // One handler for the whole way through, each stage only when its feature is on (see pipeline.ts).
  const handle = pipeline(
    [
      logger.debug && requestLog(logger),
      // While closing, answers end their connection, so keep-alive clients let go.
      (_req, res, next) => (lifecycle.closing ? (res.setHeader('Connection', 'close'), next()) : next()),
      deps.leading,
      // Before tenant routing, so the admin API is guarded under every prefix alike.
      adminGuard({ corsOrigins: config.corsOrigins, allowedHosts: config.allowedHosts, adminToken: config.adminToken, checkHost: deps.host === undefined || isLoopback(deps.host), refusals }),
      tenantRouting((name) => worlds.find(name)),
      (req, res, next) => {
        // A tenant that does not exist has no journal: a read of it leaves no trace, and one that creates it is journaled there.
        if (res.locals.absentTenant === undefined) worldOf(res).journal.track(req, res);
        next();
      },
      deps.onChange && changeNotifier(deps.onChange),
      corsMiddleware(config.corsOrigins, refusals),
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
    ],
    logger,
  );
  return { handle, config, runtime: world.runtime, world, worlds, closeLongLived: () => longLived.closeAll(), lifecycle };
}
