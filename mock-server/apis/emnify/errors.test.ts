import { STATUS_CODES } from 'node:http';
import { emnifyForcedError } from './errors';

// The reason phrases come from a table of their own now; the tokens must be the ones node's table gave.
describe('emnifyForcedError', () => {
  const statuses = Object.keys(STATUS_CODES).map(Number).filter((s) => s >= 400 && s !== 429);

  test.each(statuses)('names %i as node named it', (status) => {
    const body = emnifyForcedError(status, 'forced').body as { error_code: number; error_token: string };
    expect(body.error_code).toBe(status);
    expect(body.error_token).toBe((STATUS_CODES[status] ?? 'Error').replace(/[^A-Za-z]/g, ''));
  });

  test.each([
    ['429 is the vendor\'s own 1105', 429, 1105, 'TooManyRequests'],
    ['a status without a reason is an Error', 599, 599, 'Error'],
  ])('%s', (_case, status, code, token) => {
    expect(emnifyForcedError(status, 'forced').body).toMatchObject({ error_code: code, error_token: token });
  });
});
