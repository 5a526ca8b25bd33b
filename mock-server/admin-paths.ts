import type { paths } from './generated/admin';

// How a call of the admin API is typed from the generated `paths`: its query,
// body, path parameters and 2xx answer. AdminClient uses it here; the browser
// console, compiled on its own, gets a copy in console/src/generated/ that
// scripts/generate-types.js writes, so the typing is written once.

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
export type AdminPath = keyof paths;
/** The methods a path of the admin spec has. */
export type MethodOf<P extends AdminPath> = { [M in Method]: paths[P][M] extends { responses: unknown } ? M : never }[Method];
export type Op<P extends AdminPath, M extends Method> = paths[P][M];
export type QueryOf<O> = O extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;
export type PathParamsOf<O> = O extends { parameters: { path?: infer Q } } ? NonNullable<Q> : never;
export type BodyOf<O> = O extends { requestBody: { content: infer C } } ? C[keyof C] : O extends { requestBody?: { content: infer C } } ? C[keyof C] : never;
export type ContentOf<R> = R extends { content: infer C } ? C[keyof C] : undefined;
export type Responses<O> = O extends { responses: infer R } ? R : never;
/** The body of any 2xx answer of an operation (undefined for 204). */
export type SuccessOf<O> = { [S in keyof Responses<O>]: S extends 200 | 201 | 202 | 204 ? ContentOf<Responses<O>[S]> : never }[keyof Responses<O>];
