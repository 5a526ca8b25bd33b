import type { NextFunction, Request, Response } from 'express';
import { isTenantName, TENANT_HEADER, TENANT_PREFIX } from '../../contracts/core';
import { problem } from './problem';
import { send } from './responder';
import type { RequestWorld } from './types';

// Node lower-cases the names of incoming headers.
const HEADER = TENANT_HEADER.toLowerCase();

/**
 * Picks the world a request is served in: the tenant named by the
 * `/__tenants/NAME` path prefix (which is then removed from the URL, so the
 * rest routes as usual) or by the `X-Authmock-Tenant` header; neither means
 * the default world, and costs a string prefix test and a header look-up.
 * Sets `res.locals.world` and, for a prefix, `res.locals.mountPath`.
 */
export function tenantRouting(worldFor: (name: string) => RequestWorld) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const header = req.headers[HEADER] as string | undefined;
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
    res.locals.world = worldFor(name);
    next();
  };
}
