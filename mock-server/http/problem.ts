import type { HandlerResult } from './types';

export const PROBLEM_JSON = 'application/problem+json';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  401: 'Unauthorized',
  403: 'Forbidden',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
  507: 'Insufficient Storage',
};

/** An RFC 9457 problem-details answer; `extra` adds members such as `errors`. */
export function problem<S extends number>(status: S, detail: string, extra: { errors?: { field: string; message: string }[]; knownPaths?: readonly string[] } = {}) {
  return { status, contentType: PROBLEM_JSON, body: { type: 'about:blank', title: TITLES[status] ?? 'Error', status, detail, ...extra } } satisfies HandlerResult;
}
