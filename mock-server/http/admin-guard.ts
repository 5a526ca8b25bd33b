import { TENANT_PREFIX_PATTERN } from '../../contracts/core/tenant-name';
import type { Stage } from './exchange';
import { isAllowedHost, isAllowedOrigin, originRefusal } from './origins';
import { problem } from './problem';
import type { RefusalLog } from './refusal-log';
import { send } from './responder';
import { sameSecret, secretDigest } from './same-secret';

export interface AdminGuardOptions {
  corsOrigins: readonly string[];
  allowedHosts: readonly string[];
  /** When set, `/__admin` needs `Authorization: Bearer <token>`. */
  adminToken?: string | null;
  /** Refuse Host names other than localhost and `allowedHosts` (when the mock listens on loopback). */
  checkHost: boolean;
  /** Where the first refusal of each host or origin is logged. */
  refusals?: RefusalLog;
}

// `/__admin/...`, also behind a tenant prefix. Any name there, valid or not: the guard runs before tenant routing refuses a bad one.
const ADMIN_PATH = new RegExp(`^(?:${TENANT_PREFIX_PATTERN}[^/]+)?\\/__admin(?:\\/|$)`);

/** Compares in constant time (see same-secret.ts); `expected` is the token's digest, made once. */
function bearerMatches(header: string | undefined, expected: Uint8Array): boolean {
  if (!header || header.slice(0, 7).toLowerCase() !== 'bearer ') return false;
  return sameSecret(header.slice(7).trim(), expected);
}

/**
 * Keeps the admin API to its owner: a web page on another origin cannot
 * reset the mock or read its mail (403, preflighted or not), a DNS-rebinding
 * page cannot reach it under a foreign name (403), and with a token nobody
 * without it can (401). Vendor routes pass after one string test.
 */
export function adminGuard(options: AdminGuardOptions): Stage {
  const expected = options.adminToken ? secretDigest(options.adminToken) : undefined;
  return (req, res, next) => {
    if (!req.path.startsWith('/__') || !ADMIN_PATH.test(req.path)) return next();
    if (options.checkHost && !isAllowedHost(req.headers.host, options.allowedHosts)) {
      options.refusals?.refused('host', String(req.headers.host), 'the admin API of a mock on loopback answers only localhost and IP addresses; add it to allowedHosts in the config file');
      return send(res, problem(403, `Host ${req.headers.host} is not allowed to reach the admin API of a mock listening on loopback; use localhost or 127.0.0.1, or add it to allowedHosts in the config file`));
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !isAllowedOrigin(origin, options.corsOrigins)) {
      options.refusals?.refused('origin', origin, `the admin API answers it 403; add it to corsOrigins in the config file (e.g. {"corsOrigins":["${origin}"]})`);
      return send(res, problem(403, originRefusal(origin)));
    }
    // A preflight carries no credentials; the request it announces will.
    if (req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined) return next();
    if (expected && !bearerMatches(req.headers.authorization, expected)) {
      const result = problem(401, 'The admin API needs Authorization: Bearer <token>, the token given to --admin-token or AUTHMOCK_ADMIN_TOKEN');
      return send(res, { ...result, headers: { 'WWW-Authenticate': 'Bearer realm="authmock admin"' } });
    }
    next();
  };
}
