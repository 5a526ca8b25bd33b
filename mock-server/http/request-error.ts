import type { FieldError } from '../../contracts/core/ajv';
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

/** The status of each refusal, unless an API's envelope says otherwise (`requestStatus`'s overrides). */
export const REQUEST_STATUS: Readonly<Record<RequestErrorKind, number>> = {
  MALFORMED_BODY: 400,
  VALIDATION: 400,
  UNSUPPORTED_MEDIA_TYPE: 400,
  UNSUPPORTED_ENCODING: 415,
  NOT_ACCEPTABLE: 406,
  PAYLOAD_TOO_LARGE: 413,
  METHOD_NOT_ALLOWED: 405,
};

/** The status of a refusal: the API's override for its kind, else the default table. */
export function requestStatus(kind: RequestErrorKind, overrides: Partial<Record<RequestErrorKind, number>> = {}): number {
  return overrides[kind] ?? REQUEST_STATUS[kind];
}

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
