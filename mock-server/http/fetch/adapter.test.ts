import type { Stage } from '../exchange';
import { pipeline } from '../pipeline';
import { send } from '../responder';
import { serveFetch, toResponse, type FetchAnswer } from './adapter';

const quiet = { error: () => undefined, warn: () => undefined };
const serve = (stage: Stage, request: Request) => serveFetch(pipeline([stage], quiet), request);
const answer = async (stage: Stage, request = new Request('http://mock.test/x')): Promise<FetchAnswer> => {
  const outcome = await serve(stage, request);
  if (outcome === 'dropped') throw new Error('dropped');
  return outcome;
};

describe('serving a Fetch API request through the pipeline', () => {
  test('a JSON answer keeps its status, headers (Set-Cookie once per value) and body', async () => {
    const a = await answer((_q, res) => send(res, { status: 201, body: { ok: true }, headers: { 'Set-Cookie': ['a=1; Path=/', 'b=2; Path=/'], 'X-Thing': 'yes' } }));
    expect(a.status).toBe(201);
    expect(a.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/']);
    expect(a.headers.get('x-thing')).toBe('yes');
    expect(await toResponse(a).json()).toEqual({ ok: true });
  });

  test.each([
    ['a 204', 'GET', 204],
    ['a HEAD', 'HEAD', 200],
  ])('%s has no body, as the Fetch standard requires', async (_label, method, status) => {
    const a = await answer((_q, res) => send(res, { status, body: status === 204 ? undefined : { x: 1 } }), new Request('http://mock.test/x', { method }));
    expect(a.body).toBeNull();
    expect(toResponse(a).status).toBe(status);
  });

  test("the request's path, query and headers reach the stages as Node's would", async () => {
    const seen: unknown[] = [];
    await answer((req, res) => (seen.push(req.method, req.path, req.query, req.headers['x-a'], req.hasBody), send(res, { status: 204 })), new Request('http://mock.test/a/b?x=1&x=2&y=%20', { headers: { 'X-A': 'v' } }));
    expect(seen).toEqual(['GET', '/a/b', { x: ['1', '2'], y: ' ' }, 'v', false]);
  });

  test('a stream (server-sent events) is answered at once and its writes arrive in order until it ends', async () => {
    let closed = false;
    const a = await answer((_q, res) =>
      send(res, {
        status: 200,
        contentType: 'text/event-stream',
        stream: (out) => {
          out.onClose(() => (closed = true));
          out.write('one\n');
          setTimeout(() => (out.write('two\n'), out.end()), 10);
        },
      }),
    );
    expect(a.headers.get('content-type')).toBe('text/event-stream');
    expect(await toResponse(a).text()).toBe('one\ntwo\n');
    await new Promise((r) => setTimeout(r, 0));
    expect(closed).toBe(true);
  });

  test('a client that aborts ends the exchange: the stream hears it close', async () => {
    const controller = new AbortController();
    let closed = false;
    await answer((_q, res) => send(res, { status: 200, stream: (out) => out.onClose(() => (closed = true)) }), new Request('http://mock.test/x', { signal: controller.signal }));
    controller.abort();
    expect(closed).toBe(true);
  });

  test('a drop before the answer ends as a dropped connection', async () => {
    expect(await serve((_q, res) => res.drop(), new Request('http://mock.test/x'))).toBe('dropped');
  });
});
