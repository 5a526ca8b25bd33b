import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bodyAjv, compileSpec, loadSpecs, precompiledValidator, readSpecBundle, SPEC_BUNDLE_DIR, SPECS_DIR, specSourceHash, writeSpecBundle, type CompiledOperation, type CompiledSpec, type LoadedSpec } from '../../contracts/core';

import { discoverApis } from '../../mock-server/apis';
import { configSchema } from '../../mock-server/config';

let tmp: string;
let loaded: Map<string, LoadedSpec>;
let bundled: Map<string, CompiledSpec>;

beforeAll(async () => {
  // Inside the package, so the generated code finds ajv and ajv-formats as the build's does.
  const cache = path.join(path.dirname(SPECS_DIR), 'node_modules', '.cache');
  fs.mkdirSync(cache, { recursive: true });
  tmp = fs.mkdtempSync(path.join(cache, 'authmock-bundle-'));
  loaded = await loadSpecs(SPECS_DIR);
  writeSpecBundle(loaded, SPECS_DIR, tmp);
  bundled = readSpecBundle(SPECS_DIR, tmp)!;
}, 60_000);
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** What an operation is, without its validators (functions compare by identity). */
const shape = (op: CompiledOperation) => {
  const { bodyValidators, parameterValidators, responseValidators, responseHeaderValidators, ...rest } = op;
  return {
    ...rest,
    validators: {
      body: [...bodyValidators.keys()],
      parameters: Object.keys(parameterValidators),
      responses: [...responseValidators].map(([status, byType]) => [status, [...byType.keys()]]),
      headers: [...responseHeaderValidators.keys()],
    },
  };
};

/** Every validator of an operation with a name, so two compilations can be paired. */
function validatorsOf(op: CompiledOperation): [string, (value: unknown) => boolean, () => unknown][] {
  const out: [string, (value: unknown) => boolean, () => unknown][] = [];
  const add = (name: string, v: CompiledOperation['bodyValidators'] extends Map<string, infer F> ? F : never) => out.push([name, (value) => v(structuredClone(value)) as boolean, () => v.errors]);
  for (const [type, v] of op.bodyValidators) add(`request ${type}`, v);
  for (const [where, v] of Object.entries(op.parameterValidators)) add(`${where} parameters`, v!);
  for (const [status, byType] of op.responseValidators) for (const [type, v] of byType) add(`response ${status} ${type}`, v);
  for (const [status, v] of op.responseHeaderValidators) add(`response ${status} headers`, v);
  return out;
}

/** The spec's own examples of an operation, and values no schema of ours accepts whole. */
function samples(op: CompiledOperation): unknown[] {
  const examples = [
    ...Object.values(op.requestBody?.content ?? {}).flatMap((m) => m.examples.map((e) => e.value)),
    ...Object.values(op.responses).flatMap((r) => Object.values(r.content).flatMap((m) => m.examples.map((e) => e.value))),
  ];
  return [...examples, {}, null, 'text', 42, [], { unexpected: true }, { email: 'not an address', password: '' }];
}

describe('the precompiled specs of the build', () => {
  test('hold the same specs and operations as compiling the spec files', () => {
    expect([...bundled.keys()]).toEqual([...loaded.keys()]);
    for (const [name, spec] of loaded) {
      const compiled = compileSpec(spec);
      const fromBundle = bundled.get(name)!;
      expect(fromBundle.basePath).toBe(compiled.basePath);
      expect(fromBundle.operations.map(shape)).toEqual(compiled.operations.map(shape));
    }
  });

  test('give every validator the same verdict and errors as one compiled at start-up, on the examples and on wrong values', () => {
    let compared = 0;
    for (const [name, spec] of loaded) {
      const compiled = compileSpec(spec);
      for (const op of compiled.operations) {
        const ours = validatorsOf(op);
        const theirs = validatorsOf(bundled.get(name)!.byOperationId.get(op.operationId)!);
        expect(theirs.map(([n]) => n)).toEqual(ours.map(([n]) => n));
        for (const value of samples(op)) {
          ours.forEach(([label, validate, errors], i) => {
            const [, other, otherErrors] = theirs[i];
            expect({ label, valid: other(value), errors: otherErrors() }).toEqual({ label, valid: validate(value), errors: errors() });
            compared++;
          });
        }
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });

  test('are not used once a spec file differs from the one they were made from', () => {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'authmock-specs-'));
    try {
      for (const f of fs.readdirSync(SPECS_DIR)) fs.copyFileSync(path.join(SPECS_DIR, f), path.join(copy, f));
      expect(readSpecBundle(copy, tmp)).toBeDefined();
      const file = path.join(copy, 'admin.openapi.yaml');
      fs.appendFileSync(file, '\n# one more line\n');
      expect(readSpecBundle(copy, tmp)).toBeUndefined();
      fs.writeFileSync(path.join(copy, 'other.openapi.yaml'), fs.readFileSync(path.join(SPECS_DIR, 'akana.openapi.yaml')));
      expect(specSourceHash(copy)).not.toBe(specSourceHash(SPECS_DIR));
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });

  test('`npm run build` wrote them for exactly the spec files of the package (run it after changing a spec)', () => {
    const file = path.join(SPEC_BUNDLE_DIR, 'spec-bundle.json');
    expect(fs.existsSync(file)).toBe(true);
    expect((JSON.parse(fs.readFileSync(file, 'utf8')) as { sourceHash: string }).sourceHash).toBe(specSourceHash(SPECS_DIR));
  });
});

test('the build precompiled the config file’s schema, and it judges settings as the schema compiled now does', () => {
  const schema = configSchema(discoverApis());
  const built = precompiledValidator(JSON.stringify(schema), SPEC_BUNDLE_DIR);
  expect(built).toBeDefined();
  const now = bodyAjv().compile(schema);
  for (const value of [{}, { maxUsers: 5 }, { colour: 'red' }, { journalSize: 'many' }, { apis: { nobody: {} } }]) {
    expect({ value, valid: built!(value), errors: built!.errors }).toEqual({ value, valid: now(value), errors: now.errors });
  }
  expect(precompiledValidator(JSON.stringify({ ...schema, description: 'another schema' }), SPEC_BUNDLE_DIR)).toBeUndefined();
});
