import cors from 'cors';
import type { NextFunction, Request, Response } from 'express';
import { isAllowedOrigin, originRefusal } from './origins';
import { problem } from './problem';
import { send } from './responder';

/** Headers a browser app may read: `Retry-After` on 429s and the mock's own headers. */
export const EXPOSED_HEADERS = ['Allow', 'Cache-Control', 'Retry-After', 'X-Authmock-Fault', 'X-Authmock-Tenant'];

/**
 * Browser apps on other localhost ports may call the mock with credentials,
 * so a vendor's session cookie travels; preflights are answered here. A
 * preflight from an origin that is not allowed gets 403 saying how to allow it.
 */
export function corsMiddleware(extraOrigins: readonly string[]) {
  const handler = cors({
    origin: (origin, callback) => callback(null, !origin || isAllowedOrigin(origin, extraOrigins)),
    credentials: true,
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: 600,
  });
  return (req: Request, res: Response, next: NextFunction): void => {
    const origin = req.headers.origin;
    // Requests without an Origin are not from a browser: nothing for CORS to do.
    if (origin === undefined) return next();
    if (req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined && !isAllowedOrigin(origin, extraOrigins)) {
      return send(res, problem(403, originRefusal(origin)));
    }
    handler(req, res, next);
  };
}
