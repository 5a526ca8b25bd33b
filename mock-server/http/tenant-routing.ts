import { isTenantName, TENANT_HEADER, TENANT_PREFIX } from '../../contracts/core/tenant-name';
import type { PipelineRequest, PipelineResponse, Stage } from './exchange';
import { isAllowedOrigin, originRefusal } from './origins';
import { problem } from './problem';
import { send } from './responder';
import type { HandlerResult, RequestWorld } from './types';

// Node lower-cases the names of incoming headers.
const HEADER = TENANT_HEADER.toLowerCase();

/**
 * Picks the world a request is served in: the tenant named by the
 * `/__tenants/NAME` path prefix (which is then removed from the URL, so the
 * rest routes as usual) or by the `X-Authmock-Tenant` header; neither means
 * the default world, and costs a string prefix test and a header look-up.
 * Sets `res.locals.world` to the tenant's world when it exists, else
 * `res.locals.absentTenant` to its name: creating it waits for an operation
 * that may (`operationWorld`). For a prefix it also sets `res.locals.mountPath`.
 */
export function tenantRouting(existing: (name: string) => RequestWorld | undefined): Stage {
  return (req, res, next) => {
    const header = req.headers[HEADER];
    const url = req.url;
    let name: string;
    if (url.startsWith(TENANT_PREFIX)) {
      let end = url.indexOf('/', TENANT_PREFIX.length);
      const query = url.indexOf('?', TENANT_PREFIX.length);
      if (end === -1 || (query !== -1 && query < end)) end = query === -1 ? url.length : query;
      name = url.slice(TENANT_PREFIX.length, end);
      if (header !== undefined && header !== name) {
        send(res, problem(400, `The path names tenant '${name}' and the X-Authmock-Tenant header '${header}'; name one`));
        return;
      }
      const rest = url.slice(end);
      req.url = rest.startsWith('/') ? rest : `/${rest}`;
      res.locals.mountPath = `${TENANT_PREFIX}${name}`;
    } else if (header === undefined) {
      next();
      return;
    } else {
      name = header;
    }
    if (!isTenantName(name)) {
      send(res, problem(400, `'${name.slice(0, 80)}' is not a tenant name: use 1 to 64 of A-Z a-z 0-9 _ . -`));
      return;
    }
    const world = existing(name);
    if (world) res.locals.world = world;
    else res.locals.absentTenant = name;
    next();
  };
}

/** Methods that change nothing: they never create a tenant (the state file's saver assumes the same). */
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface OperationWorlds {
  /** The world of a request that names no tenant, or one that exists. */
  current(res: PipelineResponse): RequestWorld;
  /** Creates the tenant from the fixtures. */
  create(name: string): RequestWorld;
  /** How a tenant that does not exist is read: as a fresh one, changing nothing. */
  absent(name: string): RequestWorld;
  corsOrigins: readonly string[];
  /**
   * With an admin token, only the admin API (which checks it) creates tenants:
   * a vendor request carries the vendor's credentials, not the token, so
   * anyone who reaches the mock could otherwise fill `maxTenants` and push
   * the real tenants out.
   */
  onlyAdminCreates: boolean;
}

/**
 * The world an operation is served in, once the router has matched one. A
 * tenant that does not exist is created here by a request that can change
 * state and is allowed to (the admin guard has passed admin paths already;
 * a browser page on a foreign origin may not create one through a vendor
 * path either: 403; nor may a vendor request when an admin token is set). Reads of it are served in a fresh world that they cannot
 * change, so looking, preflights and 404s create nothing.
 */
export function operationWorld(worlds: OperationWorlds) {
  return (req: PipelineRequest, res: PipelineResponse): RequestWorld | HandlerResult => {
    const name = res.locals.absentTenant;
    if (name === undefined) return worlds.current(res);
    if (SAFE.has(req.method)) return worlds.absent(name);
    const origin = req.headers.origin;
    if (origin !== undefined && !isAllowedOrigin(origin, worlds.corsOrigins)) {
      return problem(403, `${originRefusal(origin)}. A request from it does not create tenant ${name}`);
    }
    if (worlds.onlyAdminCreates && !req.path.startsWith('/__admin')) {
      return problem(403, `Tenant ${name} does not exist, and with an admin token set only the admin API creates tenants: PUT /__admin/tenants/${name} with the token, then repeat this request`);
    }
    const world = worlds.create(name);
    res.locals.world = world;
    res.locals.absentTenant = undefined;
    // Journaled from here, in the world it created: until now there was none to journal it in.
    world.journal.track(req, res);
    return world;
  };
}
