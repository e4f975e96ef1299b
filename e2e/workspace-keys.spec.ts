import { expect, test } from '@playwright/test';
import { newAccount, signUpToWorkspace } from './helpers';
import { callTrpc } from './seed-through-api';

test('store a secret (write-only), replace and delete it; create an API key that calls the chat API, then revoke it', async ({ page }) => {
  await signUpToWorkspace(page, newAccount('Kai Keys'));
  const workspaceId = /\/w\/([^/]+)/.exec(new URL(page.url()).pathname)![1]!;
  await page.getByRole('link', { name: 'Settings' }).click();

  // Secrets: a bad name says how to fix it; the value never comes back.
  await page.getByLabel('Secret name').fill('openai key');
  await page.getByLabel('Value').fill('sk-e2e-secret-value-123');
  await page.getByRole('button', { name: 'Save secret' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Use capitals, digits and underscores' })).toBeVisible();
  await page.getByLabel('Secret name').fill('OPENAI_API_KEY');
  await page.getByRole('button', { name: 'Save secret' }).click();
  await expect(page.getByText('Saved secret OPENAI_API_KEY')).toBeVisible();
  const stored = page.getByRole('list', { name: 'Stored secrets' });
  await expect(stored).toContainText('OPENAI_API_KEY');
  await expect(page.getByLabel('Value')).toHaveValue('');
  await page.reload();
  await expect(page.locator('body')).not.toContainText('sk-e2e-secret-value-123');
  // Same name again: replaced, still one entry.
  await page.getByLabel('Secret name').fill('OPENAI_API_KEY');
  await expect(page.getByRole('button', { name: 'Replace secret' })).toBeVisible();
  await page.getByLabel('Value').fill('sk-e2e-rotated');
  await page.getByRole('button', { name: 'Replace secret' }).click();
  await expect(page.getByText('Saved secret OPENAI_API_KEY')).toBeVisible();
  await expect(stored.getByRole('listitem')).toHaveCount(1);
  await stored.getByRole('button', { name: 'Delete secret OPENAI_API_KEY' }).click();
  await expect(page.getByText('No secrets yet.')).toBeVisible();

  // API keys: shown once, usable, revocable.
  await page.getByLabel('Key name').fill('Order system');
  await page.getByRole('button', { name: 'Create API key' }).click();
  const key = await page.getByLabel('Key for Order system (shown only now: copy it)').inputValue();
  expect(key.length).toBeGreaterThan(20);
  await expect(page.getByRole('list', { name: 'Active API keys' })).toContainText('Order system');
  // The key starts conversations on this workspace's bots, never on another's (the demo bot).
  const bot = await callTrpc<{ id: string; publicId: string }>(page, 'bot.create', { workspaceId, name: 'API bot' }, 'mutation');
  await callTrpc(page, 'bot.publish', { workspaceId, botId: bot.id }, 'mutation');
  const start = (publicId: string) => page.request.post(`/api/v1/bots/${publicId}/conversations`, { headers: { authorization: `Bearer ${key}` }, data: {} });
  expect((await start(bot.publicId)).status()).toBe(201);
  expect((await start('demo')).status()).toBe(401);
  await page.getByRole('list', { name: 'Active API keys' }).getByRole('button', { name: 'Revoke API key Order system' }).click();
  await expect(page.getByText('No API keys.')).toBeVisible();
  expect((await start(bot.publicId)).status()).toBe(401);
});
