import type { Response } from 'express';
import type { HandlerResult } from './types';

/** The one place a response is written. */
export function send(res: Response, result: HandlerResult): void {
  res.statusCode = result.status;
  if (result.headers) for (const [name, value] of Object.entries(result.headers)) res.setHeader(name, value);
  if (result.body === undefined) {
    res.end();
    return;
  }
  res.setHeader('Content-Type', result.contentType ?? 'application/json; charset=utf-8');
  res.end(JSON.stringify(result.body));
}
