import { toFieldErrors, type ErrorObject, type FieldError } from '../../contracts/core/ajv';
import { type CompiledOperation } from '../../contracts/core/compile';
import { RequestError } from './request-error';

/** A VALIDATION refusal whose message names every bad field; API envelopes use the message as is. */
function refuse(fields: FieldError[]): never {
  throw new RequestError('VALIDATION', fields.map((f) => f.message).join('; '), fields);
}

const refuseAjv = (errors: readonly ErrorObject[] | null | undefined): never => refuse(toFieldErrors(errors));

/** Checks the body against the operation's schema for its media type. */
export function validateBody(op: CompiledOperation, body: { value: unknown; mediaType: string } | undefined): unknown {
  if (!op.requestBody) return undefined;
  if (!body) {
    if (!op.requestBody.required) return undefined;
    // An empty object names the missing fields, which says more than "body is required".
    const first = op.bodyValidators.values().next().value;
    if (first && !first({})) refuseAjv(first.errors);
    refuse([{ field: '', pointer: '', keyword: 'required', message: 'body is required' }]);
  }
  const validate = op.bodyValidators.get(body.mediaType);
  if (validate && !validate(body.value)) refuseAjv(validate.errors);
  return body.value;
}

/** Checks and coerces query parameters; returns them typed as the spec says. */
export function validateQuery(op: CompiledOperation, raw: Record<string, unknown>): Record<string, unknown> {
  const validate = op.parameterValidators.query;
  if (!validate) return raw;
  const query = { ...raw };
  if (!validate(query)) refuseAjv(validate.errors);
  return query;
}

/** Checks the path parameters of a templated path (`/tenants/{name}`). */
export function validatePath(op: CompiledOperation, params: Record<string, string>): void {
  const validate = op.parameterValidators.path;
  if (validate && !validate({ ...params })) refuseAjv(validate.errors);
}

/** Checks required and typed request headers the operation documents. */
export function validateHeaders(op: CompiledOperation, headers: Record<string, unknown>): void {
  const validate = op.parameterValidators.header;
  if (validate && !validate({ ...headers })) refuseAjv(validate.errors);
}
