import { expect, test, type Page } from '@playwright/test';
import { createBot, newAccount, signIn, signUpToWorkspace } from './helpers';

const saved = (page: Page) => expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible({ timeout: 10_000 });

test('two sessions edit one draft: the later save is told, and the designer chooses whose changes stay', async ({ page: first, browser }) => {
  const account = newAccount('Kim Conflict');
  await signUpToWorkspace(first, account);
  await createBot(first, 'Shared bot');
  await first.getByRole('link', { name: 'Open Shared bot in the editor' }).click();
  await expect(first.getByRole('heading', { name: 'Shared bot', level: 1 })).toBeVisible();
  const editorUrl = first.url();

  const secondContext = await browser.newContext();
  const second = await secondContext.newPage();
  await signIn(second, account);
  await expect(second.getByRole('heading', { name: 'Bots', level: 1 })).toBeVisible();
  await second.goto(editorUrl);
  await expect(second.getByRole('region', { name: 'Canvas' }).getByRole('group', { name: 'Start: start' })).toBeVisible();
  await expect(first.getByRole('region', { name: 'Canvas' }).getByRole('group', { name: 'Start: start' })).toBeVisible();

  // The first session saves a message.
  await first.getByRole('navigation', { name: 'Add a node' }).getByRole('button', { name: 'Add Message' }).click();
  await saved(first);

  // The second, still on the old revision, adds an end node: its save is refused, nothing is lost.
  await second.getByRole('navigation', { name: 'Add a node' }).getByRole('button', { name: 'Add End' }).click();
  const conflict = second.getByRole('dialog', { name: 'Someone else saved this draft' });
  await expect(conflict).toBeVisible({ timeout: 10_000 });

  // "Keep mine": the second session's graph (still on screen) becomes the draft.
  await conflict.getByRole('button', { name: 'Keep mine' }).click();
  await expect(conflict).toBeHidden();
  await expect(second.getByRole('region', { name: 'Canvas' }).getByRole('group', { name: /^End: end-/ })).toBeVisible();
  await saved(second);

  // The first session's next edit meets the conflict in turn; it loads the other version.
  await first.getByRole('navigation', { name: 'Add a node' }).getByRole('button', { name: 'Add Condition' }).click();
  const firstConflict = first.getByRole('dialog', { name: 'Someone else saved this draft' });
  await expect(firstConflict).toBeVisible({ timeout: 10_000 });
  await firstConflict.getByRole('button', { name: 'Load their version' }).click();
  await expect(firstConflict).toBeHidden();
  const firstCanvas = first.getByRole('region', { name: 'Canvas' });
  await expect(firstCanvas.getByRole('group', { name: /^End: end-/ })).toBeVisible();
  await expect(firstCanvas.getByRole('group', { name: /^Message: / })).toHaveCount(0);
  await expect(firstCanvas.getByRole('group', { name: /^Condition: / })).toHaveCount(0);
  await saved(first);

  // And that is what the server holds.
  await second.reload();
  await expect(second.getByRole('region', { name: 'Canvas' }).getByRole('group', { name: /^End: end-/ })).toBeVisible();
  await expect(second.getByRole('region', { name: 'Canvas' }).getByRole('group', { name: /^Message: / })).toHaveCount(0);
  await secondContext.close();
});
