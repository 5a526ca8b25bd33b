import cors from 'cors';

const LOCAL_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;

/**
 * Browser apps on other localhost ports may call the mock with credentials,
 * so the Edge Impulse `jwt` cookie travels; preflights are answered here.
 */
export function corsMiddleware(extraOrigins: readonly string[]) {
  return cors({
    origin: (origin, callback) => callback(null, !origin || LOCAL_ORIGIN.test(origin) || extraOrigins.includes(origin)),
    credentials: true,
    exposedHeaders: ['Allow', 'Cache-Control'],
    maxAge: 600,
  });
}
