import { BODY_LIMIT_TEXT, PARAMETER_LIMIT } from './body-limits';
import { RequestError } from './request-error';

interface ParserError {
  type?: string;
  status?: number;
  code?: string;
  encoding?: string;
  charset?: string;
}

/**
 * Whatever goes wrong while a request body is read or parsed is the client's
 * doing: a body that does not decode, an encoding or charset the mock cannot
 * read, too many fields, a connection cut short. Each becomes a RequestError,
 * which every API answers in its own envelope; none of them is a 500.
 * Messages never quote the body: it may carry a password.
 */
export function bodyReadError(err: unknown, req: { headers: Record<string, string | string[] | undefined> }, limitText: string = BODY_LIMIT_TEXT): RequestError {
  const e = (err ?? {}) as ParserError;
  const contentEncoding = String(req.headers['content-encoding'] ?? 'identity').toLowerCase();
  switch (e.type) {
    case 'entity.too.large':
      return new RequestError('PAYLOAD_TOO_LARGE', `Request body is larger than ${limitText}`);
    case 'parameters.too.many':
      return new RequestError('PAYLOAD_TOO_LARGE', `Request body has more than ${PARAMETER_LIMIT} form fields`);
    case 'entity.parse.failed':
      return new RequestError('MALFORMED_BODY', 'Request body is not valid JSON');
    case 'querystring.parse.rangeError':
    case 'depth.exceeded':
      return new RequestError('MALFORMED_BODY', 'Request body is nested too deeply');
    case 'encoding.unsupported':
      return new RequestError('UNSUPPORTED_ENCODING', `Content-Encoding '${e.encoding ?? contentEncoding}' is not supported; send identity, gzip, deflate or br`);
    case 'charset.unsupported':
      return new RequestError('UNSUPPORTED_MEDIA_TYPE', `Charset '${e.charset ?? 'unknown'}' is not supported; send utf-8`);
    case 'request.aborted':
      return new RequestError('MALFORMED_BODY', 'The request body ended before it was complete');
    case 'request.size.invalid':
      return new RequestError('MALFORMED_BODY', 'The request body does not have the length Content-Length announced');
    default:
      break;
  }
  // zlib refuses data that is not what Content-Encoding announced (Z_DATA_ERROR, Z_BUF_ERROR, ERR_...).
  if (contentEncoding !== 'identity' && typeof e.code === 'string') {
    return new RequestError('MALFORMED_BODY', `Request body could not be decoded as ${contentEncoding}`);
  }
  if (e.status === 413) return new RequestError('PAYLOAD_TOO_LARGE', `Request body is larger than ${limitText}`);
  if (e.status === 415) return new RequestError('UNSUPPORTED_ENCODING', 'The request body is in an encoding the mock cannot read');
  return new RequestError('MALFORMED_BODY', 'Request body could not be read');
}
