import cors from 'cors';
import type { NextFunction, Request, Response } from 'express';

const LOCAL_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;

/**
 * Browser apps on other localhost ports may call the mock with credentials,
 * so the Edge Impulse `jwt` cookie travels; preflights are answered here.
 */
export function corsMiddleware(extraOrigins: readonly string[]) {
  const handler = cors({
    origin: (origin, callback) => callback(null, !origin || LOCAL_ORIGIN.test(origin) || extraOrigins.includes(origin)),
    credentials: true,
    exposedHeaders: ['Allow', 'Cache-Control', 'Retry-After', 'X-Authmock-Fault'],
    maxAge: 600,
  });
  // Requests without an Origin are not from a browser: nothing for CORS to do.
  return (req: Request, res: Response, next: NextFunction): void => (req.headers.origin === undefined ? next() : handler(req, res, next));
}
