import type { FieldError } from '../../contracts/core';
import { QuietError } from '../domain/errors';

/** Why a request was refused before any handler ran. Each API maps these to its own envelope. */
export type RequestErrorKind =
  | 'MALFORMED_BODY'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  /** A `Content-Encoding` the mock cannot decode (415). */
  | 'UNSUPPORTED_ENCODING'
  | 'NOT_ACCEPTABLE'
  | 'VALIDATION'
  | 'METHOD_NOT_ALLOWED';

export class RequestError extends QuietError {
  override readonly name: 'RequestError';
  readonly kind: RequestErrorKind;
  readonly fields: readonly FieldError[];
  /** For METHOD_NOT_ALLOWED: the methods the path does have. */
  readonly allow: readonly string[];

  constructor(kind: RequestErrorKind, message: string, fields: readonly FieldError[] = [], allow: readonly string[] = []) {
    super(message);
    this.name = 'RequestError';
    this.kind = kind;
    this.fields = fields;
    this.allow = allow;
  }
}
