import type { IncomingMessage, ServerResponse } from 'node:http';
import express, { type Express } from 'express';
import { FIXTURE_ACCOUNTS, type FixtureAccount } from '../fixtures';
import { precompiledValidator } from '../contracts/core/precompiled';
import { SPEC_BUNDLE_DIR } from '../contracts/core/spec-loader';
import { discoverApis } from './apis';
import { usePrecompiledValidators } from './config-schema';
import { consoleMiddleware } from './console';
import { createEngine, type Engine, type EngineDeps } from './create-engine';
import { nodeListener } from './http/node/adapter';
import type { ApiModule } from './http/types';

export type { StateChange } from './http/change-notifier';

export interface AppDeps extends Omit<EngineDeps, 'apis' | 'leading' | 'fixtures'> {
  /** Defaults to every folder under `mock-server/apis/`. */
  apis?: readonly ApiModule[];
  /** Accounts seeded at start and on every reset; defaults to `fixtures/<vendor>.json`. */
  fixtures?: readonly FixtureAccount[];
}

/** `runtime` and `world` are the default world's; `worlds` holds it and every tenant's. */
export type MockApp = Express &
  Pick<Engine, 'runtime' | 'world' | 'worlds' | 'closeLongLived' | 'lifecycle'> & {
    /**
     * The same pipeline as a plain `node:http` request listener, without
     * Express's own layers: `http.createServer(app.listener)`; `startMock` and
     * `npm start` serve it so.
     */
    listener: (req: IncomingMessage, res: ServerResponse) => void;
  };

// The config schema's validator, as the build compiled it (dist/generated/specs).
usePrecompiledValidators((schemaText) => precompiledValidator(schemaText, SPEC_BUNDLE_DIR));

/**
 * Builds the mock as an Express app (json-server's `createApp(store)`); never
 * listens (see main.ts). The work is the engine's (create-engine.ts): Express
 * mounts its one handler, and the console's page and files go first.
 */
export function createApp(deps: AppDeps): MockApp {
  const engine = createEngine({ ...deps, apis: deps.apis ?? discoverApis(), fixtures: deps.fixtures ?? FIXTURE_ACCOUNTS, leading: consoleMiddleware() });
  const listener = nodeListener(engine.handle);
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  // The engine answers every request itself, errors included: nothing reaches Express's own fallbacks.
  app.use((req, res) => listener(req, res));
  return Object.assign(app, { runtime: engine.runtime, world: engine.world, worlds: engine.worlds, closeLongLived: engine.closeLongLived, lifecycle: engine.lifecycle, listener });
}
