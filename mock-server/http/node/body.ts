import type { IncomingMessage, ServerResponse } from 'node:http';
import express, { type RequestHandler } from 'express';
import { PARAMETER_LIMIT } from '../body-limits';
import type { BodyKind } from '../exchange';

// body-parser reads Node's request stream: Content-Encoding (gzip, deflate,
// br), charset, size limits and strict JSON, with the error `type`s that
// body-errors.ts maps. Parsers are built once per kind and limit; each accepts
// any content type because the operation's spec, not the parser, decides.
const anyType = (): boolean => true;
const parsers = new Map<string, RequestHandler>();

function parserFor(kind: BodyKind, limit: string): RequestHandler {
  const key = `${kind} ${limit}`;
  let parser = parsers.get(key);
  if (!parser) {
    parser = kind === 'json' ? express.json({ limit, type: anyType, strict: true }) : express.urlencoded({ limit, type: anyType, extended: false, parameterLimit: PARAMETER_LIMIT });
    parsers.set(key, parser);
  }
  return parser;
}

/** Reads and parses a Node request's body; rejects with body-parser's error. */
export function parseNodeBody(req: IncomingMessage, res: ServerResponse, kind: BodyKind, limit: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const target = req as IncomingMessage & { body?: unknown };
    const run = parserFor(kind, limit) as unknown as (q: IncomingMessage, s: ServerResponse, next: (err?: unknown) => void) => void;
    run(target, res, (err?: unknown) => (err ? reject(err) : resolve(target.body)));
  });
}
