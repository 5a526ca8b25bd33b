import type { JournalEntry } from '../../http/journal';
import { journalMatcher } from './inbox';

const entry: JournalEntry = { id: 1, at: 0, method: 'POST', path: '/v1/API-Login', status: 401, operationId: 'login', vendor: 'edge-impulse', durationMs: 1, request: { headers: {} }, response: { headers: {} } };

test.each([
  ['no filter', {}, true],
  ['the same status', { status: 401 }, true],
  ['another status', { status: 200 }, false],
  ['the same vendor', { vendor: 'edge-impulse' }, true],
  ['another vendor', { vendor: 'akana' }, false],
  ['the same operation', { operationId: 'login' }, true],
  ['part of the path in another case', { path: 'api-login' }, true],
  ['a path text it lacks', { path: 'logout' }, false],
  ['every filter at once', { status: 401, vendor: 'edge-impulse', operationId: 'login', path: '/v1/' }, true],
])('an entry passes %s: %s', (_label, filter, passes) => {
  expect(journalMatcher(filter)(entry)).toBe(passes);
});
