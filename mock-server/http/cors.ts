import cors from 'cors';
import type { Stage } from './exchange';
import { isAllowedOrigin, originRefusal } from './origins';
import { problem } from './problem';
import type { RefusalLog } from './refusal-log';
import { send } from './responder';

/** Headers a browser app may read: `Retry-After` on 429s and the mock's own headers. */
export const EXPOSED_HEADERS = ['Allow', 'Cache-Control', 'Retry-After', 'X-Authmock-Fault', 'X-Authmock-Tenant'];

type CorsHandler = (req: unknown, res: unknown, next: (err?: unknown) => void) => void;

/**
 * Browser apps on other localhost ports may call the mock with credentials,
 * so a vendor's session cookie travels; preflights are answered here. A
 * preflight from an origin that is not allowed gets 403 saying how to allow
 * it, and the first refusal of each origin is logged (a browser only says
 * "Failed to fetch"). The `cors` package needs only a method, headers,
 * `setHeader`, `getHeader`, `statusCode` and `end`, which every adapter has.
 */
export function corsMiddleware(extraOrigins: readonly string[], refusals?: RefusalLog): Stage {
  const handler = cors({
    origin: (origin, callback) => callback(null, !origin || isAllowedOrigin(origin, extraOrigins)),
    credentials: true,
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: 600,
  }) as CorsHandler;
  return (req, res, next) => {
    const origin = req.headers.origin;
    // Requests without an Origin are not from a browser: nothing for CORS to do.
    if (origin === undefined) return next();
    if (!isAllowedOrigin(origin, extraOrigins)) {
      refusals?.refused('origin', origin, `the browser gets no CORS headers, so the app sees only "Failed to fetch"; add it to corsOrigins in the config file (e.g. {"corsOrigins":["${origin}"]})`);
      if (req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined) return send(res, problem(403, originRefusal(origin)));
    }
    handler(req, res, next);
  };
}
