import path from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { LATEST_CLOCK_MS, MAX_ADVANCE_MS, ManualClock } from '../../mock-server/domain/clock';
import { createHarness, fixture, type Harness } from '../support/harness';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => expect(h.violations()).toEqual([]));

const advance = (advanceMs: unknown) => h.request.post('/__admin/clock').send({ advanceMs });
const ei = fixture('edge-impulse', 'active');

describe('POST /__admin/clock bounds', () => {
  test.each([
    ['more than ten years', MAX_ADVANCE_MS + 1],
    ['the value that once broke the mock', 8640000000000000],
    ['a negative move', -1],
    ['a fraction', 1.5],
  ])('refuses %s with 400 naming advanceMs, leaving the clock where it was', async (_label, ms) => {
    const before = h.clock.now();
    const res = await advance(ms).expect(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'advanceMs' })]);
    expect(h.clock.now()).toBe(before);
  });

  test('accepts exactly ten years', async () => {
    const before = h.clock.now();
    const res = await advance(MAX_ADVANCE_MS).expect(200);
    expect(Date.parse(res.body.now)).toBe(before + MAX_ADVANCE_MS);
  });

  test('refuses a move past the latest time the clock keeps, even within ten years, and logins still work', async () => {
    h.clock.advance(LATEST_CLOCK_MS - h.clock.now() - 1000);
    const res = await advance(2000).expect(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'advanceMs' })]);
    expect(res.body.detail).toContain('reset the clock');
    await h.request.post('/v1/api-login').send({ username: ei.username, password: ei.password }).expect(200);
  });
});

describe('the clock cannot leave the range where dates are valid', () => {
  test('a source far past the range still gives a valid date, and logins answer 200', async () => {
    const clock = new ManualClock(8.64e15 + 5);
    expect(Number.isFinite(new Date(clock.now()).getTime())).toBe(true);
    expect(() => clock.advance(1)).toThrow(RangeError);
    const far = await createHarness();
    far.clock.advance(LATEST_CLOCK_MS - far.clock.now());
    const res = await far.request.post('/v1/api-login').send({ username: ei.username, password: ei.password }).expect(200);
    expect(res.headers['set-cookie']?.[0]).toMatch(/Expires=/);
    expect(far.violations()).toEqual([]);
  });
});

describe('the admin spec', () => {
  test('gives every numeric field a minimum and a maximum', async () => {
    const numeric: [string, Record<string, unknown>][] = [];
    const walk = (node: unknown, where: string): void => {
      if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${where}/${i}`));
      if (node === null || typeof node !== 'object') return;
      const o = node as Record<string, unknown>;
      if (o.type === 'integer' || o.type === 'number') numeric.push([where, o]);
      for (const [k, v] of Object.entries(o)) walk(v, `${where}/${k}`);
    };
    walk(await SwaggerParser.parse(path.join(__dirname, '..', '..', 'specs', 'admin.openapi.yaml')), '#');
    expect(numeric.length).toBeGreaterThan(5);
    expect(numeric.filter(([, o]) => typeof o.minimum !== 'number' || typeof o.maximum !== 'number').map(([where]) => where)).toEqual([]);
  });
});
