import fc from 'fast-check';
import type { CompiledOperation, SchemaObject } from '../../contracts/core';
import { caseArbitrary, toRawRequest } from '../../bench/fuzz/cases';
import { accountRecords, dictionary } from '../../bench/fuzz/known-values';
import { schemaArbitrary } from '../../bench/fuzz/schema-arbitrary';
import { compiledSpecs } from '../support/harness';

const LOOKAROUND = /\(\?<?[=!]/;

async function requestBodies(): Promise<{ name: string; op: CompiledOperation; type: string; nearValid: boolean }[]> {
  const specs = await compiledSpecs();
  return [...specs.values()].flatMap((s) =>
    s.operations.flatMap((op) =>
      Object.entries(op.requestBody?.content ?? {}).map(([type, media]) => ({
        name: `${op.spec} ${op.operationId} ${type}`,
        op,
        type,
        nearValid: LOOKAROUND.test(JSON.stringify(media.schema ?? {})),
      })),
    ),
  );
}

describe('values generated from a request schema', () => {
  test('cover every request body of every spec', async () => {
    const bodies = await requestBodies();
    expect(bodies.length).toBeGreaterThanOrEqual(15);
  });

  test('pass the operation\u2019s own validator, with the seeded accounts\u2019 values mixed in', async () => {
    const options = { dictionary: dictionary(), records: accountRecords(), caps: { count: 1000 } };
    for (const { name, op, type, nearValid } of await requestBodies()) {
      const validate = op.bodyValidators.get(type)!;
      const arb = schemaArbitrary(op.requestBody!.content[type].schema, options);
      if (nearValid) {
        // Look-arounds are dropped from the pattern: most values still pass, not all.
        const values = fc.sample(arb, { numRuns: 200, seed: 1 });
        const passing = values.filter((v) => validate(v)).length;
        expect({ name, share: passing / values.length > 0.3 }).toEqual({ name, share: true });
      } else {
        fc.assert(
          fc.property(arb, (v) => {
            if (!validate(v)) throw new Error(`${name}: ${JSON.stringify(v)} fails: ${JSON.stringify(validate.errors)}`);
          }),
          { numRuns: 200, seed: 1 },
        );
      }
    }
  });

  test.each<[string, SchemaObject, (v: unknown) => boolean]>([
    ['an integer cap', { type: 'integer', minimum: 1, maximum: 2000000 }, (v) => typeof v === 'number' && v >= 1 && v <= 1000],
    ['an enum', { type: 'string', enum: ['a', 'b'] }, (v) => v === 'a' || v === 'b'],
    ['a nullable string', { type: 'string', nullable: true, maxLength: 3 }, (v) => v === null || (typeof v === 'string' && [...v].length <= 3)], // code points, as JSON Schema counts
  ])('respect %s', (_name, schema, holds) => {
    fc.assert(fc.property(schemaArbitrary(schema, { caps: { n: 1000 } }, 'n'), (v) => holds(v)), { numRuns: 300, seed: 2 });
  });
});

describe('generated requests', () => {
  test('include near-known paths, other methods, encodings and raw bodies for every operation', async () => {
    const specs = await compiledSpecs();
    const ctx = { specs, dictionary: dictionary(), records: accountRecords(), tokens: [], caps: { count: 1000 } };
    const op = specs.get('emnify')!.byOperationId.get('authenticate')!;
    const cases = fc.sample(caseArbitrary(op, ctx), { numRuns: 2000, seed: 3 });
    const kinds = new Set(cases.map((c) => c.body?.kind ?? 'none'));
    expect([...kinds]).toEqual(expect.arrayContaining(['valid by schema', 'mutated', 'garbage bytes', 'over 100 kB', 'many form fields', 'none']));
    expect(new Set(cases.map((c) => c.pathKind))).toEqual(new Set(['known', 'near-known', 'another operation', 'random', 'long']));
    expect(cases.some((c) => c.encoding.name === 'corrupt gzip') && cases.some((c) => c.encoding.name === 'br')).toBe(true);
    expect(cases.some((c) => c.method !== 'POST')).toBe(true);
    const raw = cases.filter((c) => c.encoding.name === 'gzip' && c.body).map(toRawRequest);
    expect(raw.length).toBeGreaterThan(0);
    expect(raw.every((r) => r.body![0] === 0x1f && r.body![1] === 0x8b)).toBe(true);
  });
});
