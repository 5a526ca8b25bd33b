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
  override readonly name: 'RequestError';
  readonly kind: RequestErrorKind;
  readonly fields: readonly FieldError[];
  /** For METHOD_NOT_ALLOWED: the methods the path does have. */
  readonly allow: readonly string[];

  constructor(kind: RequestErrorKind, message: string, fields: readonly FieldError[] = [], allow: readonly string[] = []) {
    // A refused request is an answer, not a fault: no stack trace is wanted,
    // and capturing one was the costliest step of answering bad input.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
    this.name = 'RequestError';
    this.kind = kind;
    this.fields = fields;
    this.allow = allow;
  }
}
