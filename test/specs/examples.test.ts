import { bodyAjv, compileSpec, loadSpecs, toFieldErrors, type CompiledSpec } from '../../contracts/core';

// Every example in every spec, validated with the same AJV set-up that the
// mock and the contract kit use. An example that drifts from its schema is a
// spec bug, and it would also mislead Prism, which serves examples.
interface ExampleCase {
  where: string;
  schema: object;
  value: unknown;
}

let specs: CompiledSpec[] = [];
const cases: ExampleCase[] = [];

beforeAll(async () => {
  specs = [...(await loadSpecs()).values()].map(compileSpec);
  for (const spec of specs) {
    for (const op of spec.operations) {
      for (const [type, media] of Object.entries(op.requestBody?.content ?? {})) {
        for (const ex of media.examples) cases.push({ where: `${spec.name} ${op.operationId} request ${type} ${ex.name}`, schema: media.schema!, value: ex.value });
      }
      for (const [status, r] of Object.entries(op.responses)) {
        for (const [type, media] of Object.entries(r.content)) {
          for (const ex of media.examples) cases.push({ where: `${spec.name} ${op.operationId} ${status} ${type} ${ex.name}`, schema: media.schema!, value: ex.value });
        }
      }
    }
  }
});

describe('spec examples', () => {
  test('every documented response body has at least one example', () => {
    const missing: string[] = [];
    for (const spec of specs) {
      for (const op of spec.operations) {
        for (const [status, r] of Object.entries(op.responses)) {
          for (const [type, media] of Object.entries(r.content)) {
            if (media.examples.length === 0) missing.push(`${spec.name} ${op.operationId} ${status} ${type}`);
          }
        }
      }
    }
    expect(missing).toEqual([]);
  });

  test('there are examples to check', () => {
    expect(cases.length).toBeGreaterThan(40);
  });

  test('every example validates against its schema', () => {
    const failures = cases.flatMap((c) => {
      const validate = bodyAjv().compile(c.schema);
      return validate(c.value) ? [] : [`${c.where}: ${toFieldErrors(validate.errors).map((e) => e.message).join('; ')}`];
    });
    expect(failures).toEqual([]);
  });

  test('an example that breaks its schema is caught', () => {
    const c = cases.find((x) => x.where.startsWith('edge-impulse login 200'))!;
    const validate = bodyAjv().compile(c.schema);
    expect(validate({ success: 'yes' })).toBe(false);
    expect(toFieldErrors(validate.errors)).toEqual([expect.objectContaining({ field: 'success', keyword: 'type' })]);
  });
});
