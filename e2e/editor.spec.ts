import { expect, test } from '@playwright/test';
import { createBot, newAccount, signUpToWorkspace } from './helpers';

test('open a bot in the editor: its graph on the canvas, its problems, and publishing it', async ({ page }) => {
  await signUpToWorkspace(page, newAccount('Edda Editor'));
  await createBot(page, 'Canvas bot', 'For the editor test');
  await page.getByRole('link', { name: 'Open Canvas bot in the editor' }).click();

  await expect(page.getByRole('heading', { name: 'Canvas bot', level: 1 })).toBeVisible();
  await expect(page.getByText('Not published')).toBeVisible();
  const canvas = page.getByRole('region', { name: 'Canvas' });
  const startNode = canvas.getByRole('group', { name: 'Start: start' });
  await expect(startNode).toBeVisible();
  await expect(startNode).toContainText('The conversation begins here');
  await expect(canvas.getByRole('img', { name: 'Minimap' }).or(canvas.getByLabel('Minimap'))).toBeVisible();

  // A new bot's lone start node leads nowhere: a warning, which the panel focuses on click.
  const problems = page.getByRole('complementary', { name: /Problems/ });
  const problem = problems.getByRole('button').first();
  await expect(problem).toBeVisible();
  await problem.click();
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(1);

  // Warnings do not block publishing.
  await page.getByRole('button', { name: 'Publish' }).click();
  const dialog = page.getByRole('dialog', { name: 'Publish this bot' });
  await dialog.getByLabel('Notes (optional)').fill('First version');
  await dialog.getByRole('button', { name: 'Publish now' }).click();
  await expect(page.getByText('Published version 1')).toBeVisible();
  await expect(page.getByText('Live · v1')).toBeVisible();
});

test('add nodes from the palette, connect them, and find them again after a reload (autosave)', async ({ page }) => {
  await signUpToWorkspace(page, newAccount('Ada Autosave'));
  await createBot(page, 'Autosave bot');
  await page.getByRole('link', { name: 'Open Autosave bot in the editor' }).click();
  const canvas = page.getByRole('region', { name: 'Canvas' });
  await expect(canvas.getByRole('group', { name: 'Start: start' })).toBeVisible();

  // Select the start node, then add a message: it lands beside the selection.
  await canvas.getByRole('group', { name: 'Start: start' }).click();
  await page.getByRole('navigation', { name: 'Add a node' }).getByRole('button', { name: 'Add Message' }).click();
  const messageNode = canvas.getByRole('group', { name: /^Message: message-/ });
  await expect(messageNode).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible({ timeout: 10_000 });

  // Connect start's "next" branch to the message by dragging from handle to handle.
  await canvas.getByLabel('next branch of start').dragTo(messageNode.getByLabel(/^Into message-/));
  await expect(canvas.locator('.react-flow__edge')).toHaveCount(1);
  await expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible({ timeout: 10_000 });

  await page.reload();
  await expect(canvas.getByRole('group', { name: /^Message: message-/ })).toBeVisible();
  await expect(canvas.locator('.react-flow__edge')).toHaveCount(1);
  await expect(canvas.getByRole('group', { name: /^Message: message-/ })).toContainText('New message');
});

test('edit a node in the inspector: valid changes reach the canvas and are saved, invalid ones say why', async ({ page }) => {
  await signUpToWorkspace(page, newAccount('Ines Inspector'));
  await createBot(page, 'Inspector bot');
  await page.getByRole('link', { name: 'Open Inspector bot in the editor' }).click();
  const canvas = page.getByRole('region', { name: 'Canvas' });
  await canvas.getByRole('group', { name: 'Start: start' }).click();
  await page.getByRole('navigation', { name: 'Add a node' }).getByRole('button', { name: 'Add Ask' }).click();

  const inspector = page.getByRole('region', { name: 'Inspector' });
  await inspector.getByLabel('Question').fill('What is your name?');
  await inspector.getByLabel('Save the answer as').fill('first name');
  await expect(inspector.getByRole('alert')).toBeVisible();
  await inspector.getByLabel('Save the answer as').fill('firstName');
  await expect(inspector.getByRole('alert')).toHaveCount(0);
  await inspector.getByLabel('Label').fill('Ask the name');
  const card = canvas.getByRole('group', { name: 'Ask: Ask the name' });
  await expect(card).toContainText('What is your name? → {{firstName}}');
  await expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible({ timeout: 10_000 });

  await page.reload();
  await expect(canvas.getByRole('group', { name: 'Ask: Ask the name' })).toContainText('What is your name? → {{firstName}}');
});

test('undo and redo every graph edit, with the buttons and with Ctrl+Z / Ctrl+Shift+Z', async ({ page }) => {
  await signUpToWorkspace(page, newAccount('Ulla Undo'));
  await createBot(page, 'Undo bot');
  await page.getByRole('link', { name: 'Open Undo bot in the editor' }).click();
  const canvas = page.getByRole('region', { name: 'Canvas' });
  await canvas.getByRole('group', { name: 'Start: start' }).click();
  const palette = page.getByRole('navigation', { name: 'Add a node' });
  await palette.getByRole('button', { name: 'Add End' }).click();
  await expect(canvas.getByRole('group', { name: /^End: end-/ })).toBeVisible();

  await page.getByRole('button', { name: 'Undo (Ctrl+Z)' }).click();
  await expect(canvas.getByRole('group', { name: /^End: end-/ })).toHaveCount(0);
  await page.getByRole('button', { name: 'Redo (Ctrl+Shift+Z)' }).click();
  await expect(canvas.getByRole('group', { name: /^End: end-/ })).toBeVisible();

  await canvas.click({ position: { x: 20, y: 20 } });
  await page.keyboard.press('Control+z');
  await expect(canvas.getByRole('group', { name: /^End: end-/ })).toHaveCount(0);
  await page.keyboard.press('Control+Shift+z');
  await expect(canvas.getByRole('group', { name: /^End: end-/ })).toBeVisible();
  // The redone state is what gets saved.
  await expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible({ timeout: 10_000 });
  await page.reload();
  await expect(canvas.getByRole('group', { name: /^End: end-/ })).toBeVisible();
});
