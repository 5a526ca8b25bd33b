import type { FieldError } from '../../contracts/core';

/** Why a request was refused before any handler ran. Each API maps these to its own envelope. */
export type RequestErrorKind =
  | 'MALFORMED_BODY'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'NOT_ACCEPTABLE'
  | 'VALIDATION'
  | 'METHOD_NOT_ALLOWED';

export class RequestError extends Error {
  override readonly name = 'RequestError';
  constructor(
    readonly kind: RequestErrorKind,
    message: string,
    readonly fields: readonly FieldError[] = [],
    /** For METHOD_NOT_ALLOWED: the methods the path does have. */
    readonly allow: readonly string[] = [],
  ) {
    super(message);
  }
}
