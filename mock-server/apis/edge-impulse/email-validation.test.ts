import { validateEmail } from './email-validation';

describe('validateEmail', () => {
  test.each([
    ['jan.jongboom@edgeimpulse.com', 'Valid', 0.7, 1],
    ['risky.person@edgeimpulse.com', 'Risky', 0.3, 0.7],
    ['someone@example.invalid', 'Invalid', 0, 0.3],
    ['no-at-sign', 'Invalid', 0, 0.3],
    ['two@at@signs.com', 'Invalid', 0, 0.3],
    ['@edgeimpulse.com', 'Invalid', 0, 0.3],
    ['someone@localhost', 'Invalid', 0, 0.3],
    ['someone@bad_host.com', 'Invalid', 0, 0.3],
  ])('%s is %s with a score in its band', (email, verdict, low, high) => {
    const answer = validateEmail(email);
    expect(answer.verdict).toBe(verdict);
    expect(answer.score).toBeGreaterThanOrEqual(low);
    expect(answer.score).toBeLessThan(high);
  });

  test('the same address gets the same answer in any case, and another address another score', () => {
    const first = validateEmail('Jan.Jongboom@EdgeImpulse.com');
    expect(validateEmail('jan.jongboom@edgeimpulse.com').score).toBe(first.score);
    expect(validateEmail('dana@edgeimpulse.com').score).not.toBe(first.score);
  });

  test('the parts around a single @ are answered, and none without one', () => {
    expect(validateEmail('jan@edgeimpulse.com')).toMatchObject({ local: 'jan', host: 'edgeimpulse.com' });
    expect(validateEmail('no-at-sign')).not.toHaveProperty('local');
  });
});
