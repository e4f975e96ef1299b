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
