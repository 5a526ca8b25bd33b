export { bodyAjv, parameterAjv, toFieldErrors, type ErrorObject, type FieldError } from './ajv';
export { loadSpec, loadSpecs, loadCompiledSpecs, findPackageFolder, SPECS_DIR, type LoadedSpec, type LoadOptions } from './spec-loader';
export { compileSpec, compileOperation, type CompiledOperation, type CompiledSpec } from './compile';
export { baseMediaType, isJsonMediaType, mediaRanges, escapePointer, unescapePointer, pointerTokens, valueAtPointer } from './media-and-pointer';
export type { OperationSpec, ResponseSpec, ParameterSpec, MediaSpec, HttpMethod, SchemaObject } from './operations';
export { checkResponse, documentedResponse, type ObservedResponse, type Violation, type CheckName } from './check-response';
export { redact, redactText, redactBody, redactHeaders, redactField, redactPath, REDACTED } from './redact';
export { vendorFacts, vendorLists, fillEnums, envName, type VendorFacts } from './vendors';
export { TENANT_NAME, TENANT_NAME_PART, TENANT_PREFIX, TENANT_PREFIX_PATTERN, TENANT_HEADER, isTenantName } from './tenant-name';
