import type { CallResult } from '../kit/client';
import { expectJson, expectStatus, mismatch, TestFailure } from './expect';

describe('a JSON body against a pattern', () => {
  test.each([
    ['a pattern key by key, extra keys allowed', { success: true, token: 'x', extra: 1 }, { success: true }, undefined],
    ['a wrong value, with where', { success: false }, { success: true }, '/success: expected true, received false'],
    ['a missing key', {}, { token: String }, '/token: expected any string, received nothing'],
    ['any string', { token: 'abc' }, { token: String }, undefined],
    ['any number, given a string', { id: '7' }, { id: Number }, '/id: expected any number, received "7"'],
    ['a RegExp', { error: 'ERR_TOTP_TOKEN IS REQUIRED' }, { error: /^ERR_TOTP/ }, undefined],
    ['an array, exactly', { list: [1, 2] }, { list: [1] }, '/list: expected an array of 1, received an array of 2'],
    ['nested objects', { a: { b: { c: 1 } } }, { a: { b: { c: 2 } } }, '/a/b/c: expected 2, received 1'],
    ['not an object at all', undefined, { success: true }, '/: expected an object, received nothing'],
  ])('%s', (_label, value, pattern, expected) => {
    expect(mismatch(value, pattern)).toBe(expected);
  });

  test('a secret under a secret’s name is never shown in the message', () => {
    expect(mismatch({ token: 'eyJhbGciOi.secret' }, { token: Number })).toBe('/token: expected any number, received a string (redacted)');
  });
});

const result = (status: number, json: unknown): CallResult => ({ operationId: 'login', status, headers: {}, text: JSON.stringify(json), json, violations: [] });

describe('failures say what was expected and what came back, in one redacted line', () => {
  test('a wrong status names the operation, both statuses and the body', () => {
    expect(() => expectStatus('v', result(401, { error: 'no', password: 'hunter22' }), [200, 204])).toThrow(
      new TestFailure('v login: expected status 200 or 204, received 401; body: {"error":"no","password":"[redacted]"}'),
    );
  });

  test('a body that does not match names the pointer', () => {
    expect(() => expectJson('v', result(200, { success: false }), { success: true })).toThrow('v login answered 200, not as expected at /success: expected true, received false');
  });

  test('a failure has no stack beyond its message', () => {
    const failure = new TestFailure('one line');
    expect(failure.stack).toBe('one line');
  });
});
