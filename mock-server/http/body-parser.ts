import { baseMediaType, isJsonMediaType } from '../../contracts/core/media-and-pointer';
import { type CompiledOperation } from '../../contracts/core/compile';
import { bodyReadError } from './body-errors';
import { BODY_LIMIT } from './body-limits';
import type { PipelineRequest } from './exchange';
import { RequestError } from './request-error';

/**
 * Reads the body as the operation's spec allows. Returns the parsed value and
 * its media type, or undefined when there is none. An operation may document
 * a larger limit (`x-body-limit`, e.g. the admin state import). The adapter
 * reads the bytes (see PipelineRequest.parseBody); which media types are
 * allowed is the spec's to say, not the parser's.
 */
export async function readBody(req: PipelineRequest, op: CompiledOperation): Promise<{ value: unknown; mediaType: string } | undefined> {
  if (!req.hasBody) return undefined;
  const mediaType = baseMediaType(req.headers['content-type'] ?? '');
  if (op.requestBody && !op.requestMediaTypes.includes(mediaType)) {
    throw new RequestError('UNSUPPORTED_MEDIA_TYPE', `Content-Type '${mediaType || '(none)'}' is not supported; use ${op.requestMediaTypes.join(' or ')}`);
  }
  const kind = isJsonMediaType(mediaType) ? 'json' : mediaType === 'application/x-www-form-urlencoded' ? 'form' : undefined;
  // An operation without a request body ignores what it is sent, as the vendors do,
  // but a JSON body is still read so that the size limit and JSON syntax hold everywhere.
  if (!kind) return undefined;
  const limit = typeof op.extensions['x-body-limit'] === 'string' ? op.extensions['x-body-limit'] : undefined;
  let value: unknown;
  try {
    value = await req.parseBody(kind, limit ?? BODY_LIMIT);
  } catch (err) {
    throw bodyReadError(err, req, limit);
  }
  req.body = value;
  return { value, mediaType };
}
