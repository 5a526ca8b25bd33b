import { EventHub, isStreamEvent, onReload, parseBlock, prependNew, type HubEvent } from '../../console/src/events';
import { curlCommand, fillTemplate, formatDuration, linkify } from '../../console/src/format';
import { parseRoute, routeHash } from '../../console/src/route';

// The console's pure helpers, run here in Node; the browser tests cover the rest.
describe('linkify', () => {
  test.each([
    ['no links', 'Your code is 1234', [{ text: 'Your code is 1234' }]],
    ['a link mid-sentence, without its full stop', 'Open https://a.example/x?code=1. Then', [{ text: 'Open ' }, { href: 'https://a.example/x?code=1' }, { text: '. Then' }]],
    ['a link at the end', 'see http://localhost:3000/a', [{ text: 'see ' }, { href: 'http://localhost:3000/a' }]],
    ['no other scheme', 'javascript:alert(1) ftp://x.example', [{ text: 'javascript:alert(1) ftp://x.example' }]],
  ])('%s', (_label, text, parts) => {
    expect(linkify(text)).toEqual(parts);
  });
});

test('an app link template gets the values URL-encoded, and unknown placeholders are left alone', () => {
  expect(fillTemplate('http://localhost:3000/a?code={code}&to={email}&v={vendor}/{kind}&x={other}', { code: 'a b', email: 'x+y@z.example', vendor: 'emnify', kind: 'activation' })).toBe(
    'http://localhost:3000/a?code=a%20b&to=x%2By%40z.example&v=emnify/activation&x={other}',
  );
});

test.each([
  [0, '0 s'],
  [3_600_000, '1 h'],
  [90_061_000, '1 d 1 h 1 min 1 s'],
])('%d ms reads %s', (ms, text) => {
  expect(formatDuration(ms)).toBe(text);
});

describe('an event-stream block', () => {
  test.each([
    ['an event with data', 'event: mail\ndata: {"id":1}', { type: 'mail', data: '{"id":1}' }],
    ['data over several lines', 'data: a\ndata: b', { type: 'message', data: 'a\nb' }],
    ['CRLF line ends', 'event: clock\r\ndata: {}', { type: 'clock', data: '{}' }],
    ['a heartbeat comment', ': heartbeat', null],
    ['a retry hint and a comment', 'retry: 2000\n: connected', null],
  ])('%s', (_label, block, parsed) => {
    expect(parseBlock(block)).toEqual(parsed);
  });
});

test('new items go on top, newest first, once each, and the list is cut to its size', () => {
  const list = [{ id: 2 }, { id: 1 }];
  expect(prependNew(list, [{ id: 3 }, { id: 2 }, { id: 4 }, { id: 4 }], 3)).toEqual([{ id: 4 }, { id: 3 }, { id: 2 }]);
  expect(prependNew(null, [{ id: 1 }], 10)).toEqual([{ id: 1 }]);
});

describe('the URL hash', () => {
  const list = { item: null, params: {} };
  test.each([
    ['', '/__admin/ui', { view: 'mailbox', tenant: null, ...list }],
    ['#/users', '/__admin/ui', { view: 'users', tenant: null, ...list }],
    ['#/clock?tenant=worker-1', '/__admin/ui', { view: 'clock', tenant: 'worker-1', ...list }],
    ['#/nonsense?q=x', '/__admin/ui', { view: 'mailbox', tenant: null, ...list }],
    ['#/faults', '/__tenants/w2/__admin/ui', { view: 'faults', tenant: 'w2', ...list }],
    ['#/mailbox?q=reset%20code', '/__admin/ui', { view: 'mailbox', tenant: null, item: null, params: { q: 'reset code' } }],
    ['#/mailbox/42?tenant=w1', '/__admin/ui', { view: 'mailbox', tenant: 'w1', item: '42', params: {} }],
    ['#/requests?status=401&vendor=emnify&path=login&empty=', '/__admin/ui', { view: 'requests', tenant: null, item: null, params: { status: '401', vendor: 'emnify', path: 'login' } }],
    ['#/tenants', '/__admin/ui', { view: 'tenants', tenant: null, ...list }],
  ])('%s on %s', (hash, pathname, route) => {
    expect(parseRoute(hash, pathname)).toEqual(route);
  });

  test('keeps the view, the item, the params and the tenant through a round trip', () => {
    const route = { view: 'requests', tenant: 'a.b_c-1', item: '7', params: { path: '/v1 login', status: '401' } } as const;
    expect(parseRoute(routeHash(route))).toEqual(route);
  });

  test.each([
    ['another view drops the item and the params', { view: 'users' as const }, '#/users?tenant=w1'],
    ['a changed param keeps the others', { params: { status: '500' } }, '#/requests/7?status=500&vendor=emnify&tenant=w1'],
    ['an emptied param goes', { params: { vendor: '' }, item: null }, '#/requests?status=401&tenant=w1'],
  ])('%s', (_label, changes, hash) => {
    expect(routeHash({ view: 'requests', tenant: 'w1', item: '7', params: { status: '401', vendor: 'emnify' } }, changes)).toBe(hash);
  });
});

const MAIL = { id: 1, vendor: 'emnify', kind: 'activation', to: 'a@emnify.example', subject: 'Activate', text: 'Key 1', code: '1', createdAt: '2026-01-01T00:00:00.000Z' } as const;

describe('onReload', () => {
  test.each<[string, HubEvent, number]>([
    ['reset', { type: 'reset', data: {} }, 1],
    ['reconnected', { type: 'reconnected' }, 1],
    ['mail', { type: 'mail', data: MAIL }, 0],
    ['clock', { type: 'clock', data: { now: '2026-01-01T00:00:00.000Z', offsetMs: 0 } }, 0],
  ])('after a %s event, a view reloads %i time(s), and no more once it stops listening', (_type, event, times) => {
    const hub = new EventHub();
    let loads = 0;
    const off = onReload(hub, async () => {
      loads++;
    });
    hub.emit(event);
    off();
    hub.emit(event);
    expect(loads).toBe(times);
  });
});

describe('an event read from the stream', () => {
  test.each([
    ['a mail event with its message', 'mail', MAIL],
    ['a reset with its empty object', 'reset', {}],
  ])('is handed to the views when it is %s', (_label, type, data) => {
    expect(isStreamEvent({ type, data })).toBe(true);
  });

  test.each([
    ['of a type the admin spec does not list', 'telemetry', {}],
    ['of the generic message type', 'message', MAIL],
    ['of a known type, with data that is not an object', 'clock', 'soon'],
    ['of a known type, with null data', 'user', null],
  ])('is passed over when it is %s', (_label, type, data) => {
    expect(isStreamEvent({ type, data })).toBe(false);
  });
});

describe('curlCommand', () => {
  test.each([
    ['a GET without a body', { method: 'GET', path: '/__admin/clock', request: { headers: { host: '127.0.0.1:4010', accept: 'application/json' } } }, "curl -X GET 'http://127.0.0.1:4010/__admin/clock' -H 'accept: application/json'"],
    [
      'a JSON body, with redacted secrets left as they are',
      { method: 'POST', path: '/v1/api-login', request: { headers: { 'content-type': 'application/json', 'content-length': 40 }, body: { username: "o'brien", password: '[redacted]' } } },
      `curl -X POST 'http://127.0.0.1:4010/v1/api-login' -H 'content-type: application/json' --data-raw '{"username":"o'\\''brien","password":"[redacted]"}'`,
    ],
    ['a repeated header', { method: 'GET', path: '/x', request: { headers: { 'x-a': ['1', '2'] } } }, "curl -X GET 'http://127.0.0.1:4010/x' -H 'x-a: 1' -H 'x-a: 2'"],
  ])('%s', (_label, entry, command) => {
    expect(curlCommand('http://127.0.0.1:4010', entry)).toBe(command);
  });
});
