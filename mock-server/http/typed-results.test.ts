import type { OperationResult, TypedHandlers } from './types';

// Handler answers are typed by status from the generated response types; `tsc --noEmit`
// (part of npm test) checks the @ts-expect-error lines below, jest checks the values.
interface Ops {
  getThing: {
    parameters: { query?: never };
    requestBody?: never;
    responses: {
      200: { headers: Record<string, unknown>; content: { 'application/json': { id: number } } };
      204: { headers: Record<string, unknown>; content?: never };
    };
  };
}

describe('handler results typed from the spec', () => {
  test('a documented status with its documented body compiles', () => {
    const ok: OperationResult<Ops['getThing']> = { status: 200, body: { id: 1 } };
    const empty: OperationResult<Ops['getThing']> = { status: 204 };
    expect([ok.status, empty.status]).toEqual([200, 204]);
  });

  test('an undocumented status, a wrong body or a missing body does not compile', () => {
    // @ts-expect-error 404 is not documented for getThing
    const undocumented: OperationResult<Ops['getThing']> = { status: 404, body: { id: 1 } };
    // @ts-expect-error the 200 body is { id: number }
    const wrongBody: OperationResult<Ops['getThing']> = { status: 200, body: { id: 'one' } };
    // @ts-expect-error the 200 answer has a body
    const noBody: OperationResult<Ops['getThing']> = { status: 200 };
    expect([undocumented, wrongBody, noBody]).toHaveLength(3);
  });

  test('a table of handlers takes each operation’s own result type', () => {
    const handlers: TypedHandlers<Ops, null> = { getThing: () => ({ status: 200, body: { id: 7 } }) };
    // @ts-expect-error a handler answering an undocumented status
    const wrong: TypedHandlers<Ops, null> = { getThing: () => ({ status: 500 }) };
    expect([typeof handlers.getThing, typeof wrong.getThing]).toEqual(['function', 'function']);
  });
});
