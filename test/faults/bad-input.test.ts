import { MAX_FAULT_RULES } from '../../mock-server/domain/faults';
import { createHarness, type Harness } from '../support/harness';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => expect(h.violations()).toEqual([]));

describe('POST /__admin/faults refuses bad input with 400 naming the field', () => {
  test.each([
    ['an unknown vendor', { vendor: 'acme', status: 500 }, 'vendor'],
    ['an unknown operationId', { operationId: 'deleteEverything', status: 500 }, 'operationId'],
    ["an operationId of another vendor's spec", { vendor: 'emnify', operationId: 'login', status: 500 }, 'operationId'],
    ['an operationId of the admin API', { operationId: 'resetState', status: 500 }, 'operationId'],
    ['an empty operationId', { operationId: '', status: 500 }, 'operationId'],
    ['status 99', { status: 99 }, 'status'],
    ['status 600', { status: 600 }, 'status'],
    ['a fractional status', { status: 500.5 }, 'status'],
    ['a status that is a string', { status: '500' }, 'status'],
    ['a negative delayMs', { delayMs: -1 }, 'delayMs'],
    ['a delayMs over a minute', { delayMs: 60_001 }, 'delayMs'],
    ['a huge delayMs', { delayMs: 1e12 }, 'delayMs'],
    ['a delayMs range whose minimum exceeds its maximum', { delayMs: [300, 50] }, 'delayMs'],
    ['a delayMs range with one bound', { delayMs: [50] }, 'delayMs'],
    ['a delayMs range with three bounds', { delayMs: [50, 100, 150] }, 'delayMs'],
    ['a delayMs range over a minute', { delayMs: [50, 70_000] }, 'delayMs'],
    ['a delayMs that is a word', { delayMs: 'slow' }, 'delayMs'],
    ['times 0', { status: 500, times: 0 }, 'times'],
    ['negative times', { status: 500, times: -3 }, 'times'],
    ['fractional times', { status: 500, times: 1.5 }, 'times'],
    ['a probability below 0', { status: 500, probability: -0.1 }, 'probability'],
    ['a probability above 1', { status: 500, probability: 1.5 }, 'probability'],
    ['a drop other than reset', { drop: 'close' }, 'drop'],
    ['none of status, delayMs and drop', { vendor: 'emnify', times: 2 }, 'status'],
    ['a body without a status', { delayMs: 10, body: { x: 1 } }, 'body'],
    ['a drop with a status', { drop: 'reset', status: 500 }, 'status'],
    ['a drop with headers', { drop: 'reset', headers: { 'X-A': 'b' } }, 'headers'],
    ['a header name with a space', { status: 500, headers: { 'Bad Name': 'x' } }, 'headers.Bad Name'],
    ['a header value with a line break', { status: 500, headers: { 'X-Injected': 'a\r\nSet-Cookie: x=1' } }, 'headers.X-Injected'],
    ['a header that frames the message', { status: 500, headers: { 'Content-Length': '5' } }, 'headers.Content-Length'],
    ['a header value that is not a string', { status: 500, headers: { 'X-A': 1 } }, 'headers.X-A'],
    ['an unknown property', { status: 500, latency: 5 }, 'latency'],
  ])('%s', async (_label, body, field) => {
    const res = await h.request.post('/__admin/faults').send(body).expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    expect(h.runtime.faults.size).toBe(0);
  });

  test.each([
    ['malformed JSON', '{"status": 5', 400],
    ['a JSON array', '[]', 400],
    ['no body', '', 400],
  ])('%s answers %i and stores nothing', async (_label, text, status) => {
    await h.request.post('/__admin/faults').set('Content-Type', 'application/json').send(text).expect(status);
    expect(h.runtime.faults.size).toBe(0);
  });

  test(`a rule beyond the ${MAX_FAULT_RULES} allowed answers 400 and the others stay`, async () => {
    for (let i = 0; i < MAX_FAULT_RULES; i++) h.runtime.faults.add({ vendor: 'emnify', operationId: 'authenticate', status: 500 });
    const res = await h.request.post('/__admin/faults').send({ status: 500 }).expect(400);
    expect(res.body.detail).toMatch(/already 100 fault rules/);
    expect(h.runtime.faults.size).toBe(MAX_FAULT_RULES);
  });
});

describe('DELETE /__admin/faults/{id}', () => {
  test('an id longer than 100 characters answers 400 naming id', async () => {
    const res = await h.request.delete(`/__admin/faults/${'f'.repeat(101)}`).expect(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'id' })]);
  });
});
