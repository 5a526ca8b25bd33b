import { expect, test } from '@playwright/test';
import { AdminClient } from 'authmock';

const mockUrl = `http://localhost:${process.env.MOCK_PORT ?? 4010}`;
const admin = new AdminClient(mockUrl);

test.beforeEach(() => admin.reset());

test('sign up, activate with the code from the mail and log in: the jwt cookie reaches the mock', async ({ page, context }) => {
  const email = 'dana@edgeimpulse.example';
  await page.goto('/');
  await page.getByLabel('Name', { exact: true }).fill('Dana Doe');
  await page.getByLabel('Username').fill('dana-doe');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill('dana-password-1');
  await page.getByRole('button', { name: 'Sign up' }).click();

  // The mock captured the activation mail: read its code, no inbox and no sleeps.
  const mail = await admin.mailbox.waitFor({ to: email, kind: 'activation' });
  await page.getByLabel('Activation code').fill(mail.code);
  await page.getByRole('button', { name: 'Activate' }).click();
  await expect(page.getByText('Your account is active')).toBeVisible();

  await page.getByLabel('Username').fill('dana-doe');
  await page.getByLabel('Password').fill('dana-password-1');
  // The app asks for the current user with no token header: only the cookie can say who it is.
  const userRequest = page.waitForRequest((r) => r.url() === `${mockUrl}/v1/api/user` && r.method() === 'GET');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByText('Signed in as dana-doe')).toBeVisible();

  const headers = await (await userRequest).allHeaders();
  expect(headers.cookie).toMatch(/(^|; )jwt=/);
  expect(headers['x-jwt-token']).toBeUndefined();
  const [jwt] = (await context.cookies(mockUrl)).filter((c) => c.name === 'jwt');
  expect(jwt).toMatchObject({ domain: 'localhost', httpOnly: true, sameSite: 'Lax' });
  const [user] = await admin.users.find({ vendor: 'edge-impulse', email });
  expect(user.status).toBe('active');
});
