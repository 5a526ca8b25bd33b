import { parseLatency, readPrefer } from './faults';

describe('readPrefer', () => {
  test.each([
    ['code=503', { code: 503 }],
    ['delay=800', { delayMs: 800 }],
    ['code=429, delay=200', { code: 429, delayMs: 200 }],
    ['code="503"', { code: 503 }],
    [' Code = 500 ; x=y , DELAY=10', { code: 500, delayMs: 10 }],
    ['code=503, code=500', { code: 503 }],
    ['code=abc, code=503', {}],
    ['code=200', {}],
    ['code=600', {}],
    ['delay=60001', {}],
    ['delay=1e3', {}],
    ['respond-async, wait=100', {}],
    ['', {}],
    [',,;;==', {}],
  ])('%j reads as %j', (header, expected) => {
    expect(readPrefer(header)).toEqual(expected);
  });
});

describe('parseLatency', () => {
  test.each([
    ['200', 200],
    ['50-300', [50, 300]],
    [' 50 - 300 ', [50, 300]],
    ['0', 0],
    ['12.5', 12.5],
  ])('%j is %j', (text, expected) => {
    expect(parseLatency(text)).toEqual(expected);
  });

  test.each(['', 'fast', '-5', '300-50', '70000', '1-2-3', '50-'])('%j is refused naming the value', (text) => {
    expect(() => parseLatency(text)).toThrow(`Invalid latency '${text}'`);
  });
});
