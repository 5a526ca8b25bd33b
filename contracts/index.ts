/**
 * `authmock/contract`: the framework-free contract checker. Judge any
 * response against the package's specs, or call a target's operations and
 * judge every answer, without jest.
 */
export {
  checkResponse,
  documentedResponse,
  loadSpec,
  loadSpecs,
  loadCompiledSpecs,
  compileSpec,
  compileOperation,
  SPECS_DIR,
  redact,
  redactText,
  redactBody,
  redactHeaders,
  REDACTED,
  type CompiledOperation,
  type CompiledSpec,
  type LoadedSpec,
  type LoadOptions,
  type ObservedResponse,
  type Violation,
  type CheckName,
  type OperationSpec,
  type ResponseSpec,
} from './core';
export { ContractClient, UnreachableError, type CallOptions, type CallResult, type ClientOptions, type Exchange, type ResponseCheck } from './kit/client';
export { checkExchange, contractSpecs, findOperation, judge, formatVerdict, describeViolations, type Verdict } from './kit/exchange';
export { toObservedResponse, type ResponseLike, type FetchResponseLike } from './kit/observe';
export { FAULT_HEADER, faultOf } from './kit/faults';
export { TENANT_HEADER } from './kit/tenants';
