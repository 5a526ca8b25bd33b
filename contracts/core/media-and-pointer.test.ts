import { baseMediaType, escapePointer, isJsonMediaType, mediaRanges, pointerTokens, unescapePointer, valueAtPointer } from './media-and-pointer';

describe('media types', () => {
  test.each([
    ['application/json; charset=utf-8', 'application/json'],
    [' Application/Problem+JSON ', 'application/problem+json'],
    ['', ''],
  ])('the base type of %j is %j', (input, expected) => {
    expect(baseMediaType(input)).toBe(expected);
  });

  test.each([
    ['application/json', true],
    ['application/vnd.soa.v81+json; charset=utf-8', true],
    ['application/x-www-form-urlencoded', false],
    ['text/json-like', false],
  ])('%s is JSON: %s', (type, json) => {
    expect(isJsonMediaType(type)).toBe(json);
  });

  test('an Accept header gives its ranges without parameters', () => {
    expect(mediaRanges('text/html;q=0.9, Application/JSON , */*;q=0.1,')).toEqual(['text/html', 'application/json', '*/*']);
  });
});

describe('JSON pointers', () => {
  test('escaping and unescaping are inverse, in the order RFC 6901 requires', () => {
    expect(escapePointer('a/b~c')).toBe('a~1b~0c');
    expect(unescapePointer('a~1b~0c')).toBe('a/b~c');
    expect(unescapePointer('~01')).toBe('~1');
  });

  test('a pointer splits into unescaped tokens', () => {
    expect(pointerTokens('')).toEqual([]);
    expect(pointerTokens('/errors/0/a~1b')).toEqual(['errors', '0', 'a/b']);
  });

  test.each([
    ['', { a: 1, list: [{}, { x: 'y' }] }],
    ['/a', 1],
    ['/list/1/x', 'y'],
    ['/missing/deeper', undefined],
    ['/a/deeper', undefined],
  ])('the value at %j', (pointer, expected) => {
    expect(valueAtPointer({ a: 1, list: [{}, { x: 'y' }] }, pointer)).toEqual(expected);
  });
});
