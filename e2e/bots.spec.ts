import { expect, test } from '@playwright/test';
import { createBot, newAccount, signUpToWorkspace } from './helpers';

test('create, rename, duplicate and delete a bot', async ({ page }) => {
  await signUpToWorkspace(page, newAccount());
  await createBot(page, 'Order help', 'Answers where-is-my-order questions');
  const bots = page.getByRole('list', { name: 'Bots' });
  await expect(bots.getByText('Answers where-is-my-order questions')).toBeVisible();
  await expect(bots.getByText('Draft')).toBeVisible();

  await page.getByRole('button', { name: 'Actions for Order help' }).click();
  await page.getByRole('menuitem', { name: 'Rename' }).click();
  const rename = page.getByRole('dialog', { name: 'Rename bot' });
  await rename.getByLabel('Bot name').fill('');
  await rename.getByRole('button', { name: 'Save' }).click();
  await expect(rename.getByText('Give the bot a name')).toBeVisible();
  await rename.getByLabel('Bot name').fill('Order status');
  await rename.getByRole('button', { name: 'Save' }).click();
  await expect(bots.getByText('Order status', { exact: true })).toBeVisible();

  await page.getByRole('button', { name: 'Actions for Order status' }).click();
  await page.getByRole('menuitem', { name: 'Duplicate' }).click();
  await expect(bots.getByText('Order status (copy)')).toBeVisible();

  await page.getByRole('button', { name: 'Actions for Order status (copy)' }).click();
  await page.getByRole('menuitem', { name: 'Delete' }).click();
  const confirm = page.getByRole('alertdialog');
  await expect(confirm).toContainText('cannot be undone');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(bots.getByText('Order status (copy)')).toBeVisible();

  await page.getByRole('button', { name: 'Actions for Order status (copy)' }).click();
  await page.getByRole('menuitem', { name: 'Delete' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete bot' }).click();
  await expect(bots.getByText('Order status (copy)')).toBeHidden();
  await expect(bots.getByText('Order status', { exact: true })).toBeVisible();

  // Survives a reload: it was saved, not just drawn.
  await page.reload();
  await expect(page.getByRole('list', { name: 'Bots' }).getByRole('listitem')).toHaveCount(1);
});

test('a bot name with markup is shown as text, never run', async ({ page }) => {
  await signUpToWorkspace(page, newAccount());
  let dialogOpened = false;
  page.on('dialog', (d) => {
    dialogOpened = true;
    void d.dismiss();
  });
  const payload = '<img src=x onerror="alert(1)">';
  await createBot(page, payload);
  await expect(page.getByRole('list', { name: 'Bots' }).getByText(payload, { exact: true })).toBeVisible();
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(dialogOpened).toBe(false);
});
