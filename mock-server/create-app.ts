import express, { type Express } from 'express';
import type { CompiledSpec } from '../contracts/core';
import { FIXTURE_ACCOUNTS, type FixtureAccount } from '../fixtures';
import { discoverApis } from './apis';
import { resolveConfig, type MockConfig } from './config';
import { AdjustableClock } from './domain/clock';
import type { Mailbox } from './domain/mailbox';
import { cryptoRandom, type RandomSource } from './domain/random';
import type { UserStore } from './domain/user-store';
import { loadFixtures } from './fixtures-loader';
import { changeNotifier } from './http/change-notifier';
import { corsMiddleware } from './http/cors';
import { notFound, unexpectedError, type Logger } from './http/fallbacks';
import { methodNotAllowed, mountOperations, pairApis, type MountedApi } from './http/router';
import type { AccountsDefinition, Runtime } from './runtime';
import { createRuntime } from './runtime';
import type { ApiModule } from './http/types';

export interface AppDeps {
  /** Compiled once at start-up (see `loadCompiledSpecs`); shared with the contract kit. */
  specs: Map<string, CompiledSpec>;
  clock?: AdjustableClock;
  random?: RandomSource;
  users?: UserStore;
  mailbox?: Mailbox;
  config?: Partial<MockConfig>;
  /** Accounts seeded at start and on every reset; defaults to `fixtures/accounts.json`. */
  fixtures?: readonly FixtureAccount[];
  /** Defaults to every folder under `mock-server/apis/`. */
  apis?: readonly ApiModule[];
  logger?: Logger;
  /** Called after every request that may have changed state (any method but GET, HEAD and OPTIONS); the state file's saver listens here. */
  onChange?: () => void;
}

export type MockApp = Express & { runtime: Runtime };

/** Builds the mock as an Express app; never listens (see main.ts). */
export function createApp(deps: AppDeps): MockApp {
  const config = resolveConfig(deps.config);
  const modules = deps.apis ?? discoverApis();
  const pairs = pairApis(deps.specs, modules);
  const definitions = new Map<string, AccountsDefinition>();
  for (const m of modules) if (m.accounts) definitions.set(m.id, m.accounts);
  const fixtures = deps.fixtures ?? FIXTURE_ACCOUNTS;

  const runtime = createRuntime(
    { config, clock: deps.clock ?? new AdjustableClock(), random: deps.random ?? cryptoRandom, users: deps.users, mailbox: deps.mailbox, logger: deps.logger },
    definitions,
  );
  const mounted: MountedApi[] = pairs.map((p) => ({ ...p, state: p.module.createState(runtime) }));
  const baseReset = runtime.reset;
  runtime.reset = () => {
    baseReset();
    for (const m of mounted) m.state = m.module.createState(runtime);
    loadFixtures(runtime, fixtures);
  };
  loadFixtures(runtime, fixtures);

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(runtime.journal.middleware());
  if (deps.onChange) app.use(changeNotifier(deps.onChange));
  app.use(corsMiddleware(config.corsOrigins));
  mountOperations(app, mounted, runtime);
  app.use(methodNotAllowed(mounted));
  app.use(notFound(mounted.flatMap((m) => m.spec.operations.map((o) => `${o.method.toUpperCase()} ${o.fullPath}`))));
  app.use(unexpectedError(runtime.logger));
  return Object.assign(app, { runtime });
}
