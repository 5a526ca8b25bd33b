import { expect, test } from '@playwright/test';
import { AdminClient } from 'authmock';

const admin = new AdminClient('http://127.0.0.1:4010');

test.beforeEach(() => admin.reset());

test('sign-up screen: the code from the activation mail activates the account', async ({ page }) => {
  const [previous] = await admin.mailbox.list({ to: 'arnold.hudson@edgeimpulse.example' });
  await page.goto('/login');
  await page.getByLabel('Username').fill('arnold-hudson');
  await page.getByLabel('Password').fill('mild-lounge-21');
  await page.getByRole('button', { name: 'Send me a code' }).click();
  const mail = await admin.mailbox.waitFor({ to: 'arnold.hudson@edgeimpulse.example', kind: 'activation', after: previous?.id ?? 0 });
  await page.getByLabel('Activation code').fill(mail.code);
  await page.getByRole('button', { name: 'Activate' }).click();
  await expect(page.getByText('Your account is active')).toBeVisible();
});
