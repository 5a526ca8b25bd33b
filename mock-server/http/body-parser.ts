import express, { type Request, type RequestHandler, type Response } from 'express';
import { baseMediaType, isJsonMediaType, type CompiledOperation } from '../../contracts/core';
import { bodyReadError } from './body-errors';
import { BODY_LIMIT, PARAMETER_LIMIT } from './body-limits';
import { RequestError } from './request-error';

// Parsers are built once; each accepts any content type because the operation's
// spec, not the parser, decides which media types are allowed.
const anyType = (): boolean => true;
const jsonParser = express.json({ limit: BODY_LIMIT, type: anyType, strict: true });
const formParser = express.urlencoded({ limit: BODY_LIMIT, type: anyType, extended: false, parameterLimit: PARAMETER_LIMIT });

// An operation may document a larger limit (`x-body-limit`, e.g. the admin
// state import); its parser is built once, the first time it is needed.
const largeJsonParsers = new Map<string, RequestHandler>();
function jsonParserFor(op: CompiledOperation): RequestHandler {
  const limit = op.extensions['x-body-limit'];
  if (typeof limit !== 'string') return jsonParser;
  let parser = largeJsonParsers.get(limit);
  if (!parser) largeJsonParsers.set(limit, (parser = express.json({ limit, type: anyType, strict: true })));
  return parser;
}

function run(parser: RequestHandler, req: Request, res: Response): Promise<void> {
  return new Promise((resolve, reject) => {
    parser(req, res, (err?: unknown) => (err ? reject(err) : resolve()));
  });
}

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * Reads the body as the operation's spec allows. Returns the parsed value and
 * its media type, or undefined when there is no body.
 */
export async function readBody(req: Request, res: Response, op: CompiledOperation): Promise<{ value: unknown; mediaType: string } | undefined> {
  if (!hasBody(req)) return undefined;
  const mediaType = baseMediaType(req.headers['content-type'] ?? '');
  if (op.requestBody && !op.requestMediaTypes.includes(mediaType)) {
    throw new RequestError('UNSUPPORTED_MEDIA_TYPE', `Content-Type '${mediaType || '(none)'}' is not supported; use ${op.requestMediaTypes.join(' or ')}`);
  }
  const parser = isJsonMediaType(mediaType) ? jsonParserFor(op) : mediaType === 'application/x-www-form-urlencoded' ? formParser : undefined;
  // An operation without a request body ignores what it is sent, as the vendors do,
  // but a JSON body is still read so that the size limit and JSON syntax hold everywhere.
  if (!parser) return undefined;
  try {
    await run(parser, req, res);
  } catch (err) {
    throw bodyReadError(err, req, typeof op.extensions['x-body-limit'] === 'string' ? op.extensions['x-body-limit'] : undefined);
  }
  return { value: (req as { body?: unknown }).body, mediaType };
}
