import { expect, test } from '@playwright/test';
import { formAlert, newAccount, signIn, signOut, signUp, signUpToWorkspace } from './helpers';

test('sign up lands in a personal workspace with an empty state, sign out and back in', async ({ page, context }) => {
  const account = newAccount('Robin Support');
  await signUpToWorkspace(page, account);
  await expect(page.getByRole('button', { name: /Workspace: Robin's workspace/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'No bots yet' })).toBeVisible();

  const cookies = await context.cookies();
  const session = cookies.find((c) => c.name.includes('session_token'));
  expect(session?.httpOnly).toBe(true);
  expect(session?.secure).toBe(true);

  await signOut(page);
  // The old session no longer opens the app.
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in/);

  await signIn(page, { email: account.email, password: 'not the password' });
  await expect(formAlert(page)).toHaveText('Wrong email or password.');

  await signIn(page, account);
  await expect(page.getByRole('heading', { name: 'Bots', level: 1 })).toBeVisible();
});

test('signing up twice with one email says it is already registered', async ({ page }) => {
  const account = newAccount();
  await signUpToWorkspace(page, account);
  await signOut(page);
  await signUp(page, account);
  await expect(formAlert(page)).toHaveText('That email is already registered. Sign in instead.');
});

test('an unknown email gets the same answer as a wrong password', async ({ page }) => {
  await signIn(page, { email: `nobody-${Date.now()}@example.test`, password: 'whatever123' });
  await expect(formAlert(page)).toHaveText('Wrong email or password.');
});

test('sign-up form explains what to fix before sending', async ({ page }) => {
  await page.goto('/sign-up');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('Tell us your name.')).toBeVisible();
  await expect(page.getByText('Use at least 8 characters.')).toBeVisible();
  await expect(page.getByLabel('Work email')).toHaveAttribute('aria-invalid', 'true');
});

test('the seeded demo login opens the demo workspace and bot', async ({ page }) => {
  await signIn(page, { email: 'demo@flowboard.local', password: 'flowboard-demo' });
  await expect(page.getByRole('button', { name: /Workspace: Demo workspace/ })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Bots' }).getByText('Support assistant')).toBeVisible();
});

test('a page inside the app sends a signed-out visitor to sign in, and back after', async ({ page }) => {
  const account = newAccount();
  await signUpToWorkspace(page, account);
  const workspaceUrl = new URL(page.url()).pathname;
  await signOut(page);
  await page.goto(`${workspaceUrl}/settings`);
  await expect(page).toHaveURL(/\/sign-in\?next=/);
});

test('health reports the database and the version', async ({ request }) => {
  const response = await request.get('/api/health');
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body.status).toBe('ok');
  expect(body.database.status).toBe('ok');
  expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
});

test('a cross-site page cannot change anything through the API with a member’s cookie', async ({ page }) => {
  await signUpToWorkspace(page, newAccount());
  const workspaceId = new URL(page.url()).pathname.split('/')[2]!;
  const response = await page.request.post('/api/trpc/bot.create', {
    headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
    data: { json: { workspaceId, name: 'Planted bot' } },
  });
  expect(response.status()).toBe(403);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'No bots yet' })).toBeVisible();

  // The same call from the app's own origin works, so the refusal above was the origin check.
  const own = await page.request.post('/api/trpc/bot.create', {
    headers: { origin: new URL(page.url()).origin, 'content-type': 'application/json' },
    data: { json: { workspaceId, name: 'Real bot' } },
  });
  expect(own.status()).toBe(200);
});
