import { expect, test, type Locator, type Page } from '@playwright/test';
import { dragBetween } from './canvas-helpers';
import { createBot, newAccount, signUpToWorkspace } from './helpers';

const saved = (page: Page) => expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible({ timeout: 10_000 });

async function openNewBot(page: Page, name: string) {
  await page.goto('/');
  await createBot(page, name);
  await page.getByRole('link', { name: `Open ${name} in the editor` }).click();
  const canvas = page.getByRole('region', { name: 'Canvas' });
  await expect(canvas.getByRole('group', { name: 'Start: start' })).toBeVisible();
  return canvas;
}

test('copy, paste and duplicate nodes, within a bot and into another bot', async ({ page }) => {
  await signUpToWorkspace(page, newAccount('Cora Copy'));
  const canvas = await openNewBot(page, 'Copy source');
  await canvas.getByRole('group', { name: 'Start: start' }).click();
  await page.getByRole('navigation', { name: 'Add a node' }).getByRole('button', { name: 'Add Message' }).click();
  const inspector = page.getByRole('region', { name: 'Inspector' });
  await inspector.getByLabel('Label').fill('Greeting');
  const greeting = canvas.getByRole('group', { name: 'Message: Greeting' });
  await expect(greeting).toBeVisible();

  // Duplicate with the keyboard: a second card, selected, beside the first.
  await greeting.click();
  await page.keyboard.press('Control+d');
  await expect(canvas.getByRole('group', { name: 'Message: Greeting' })).toHaveCount(2);
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(1);
  // And it is an ordinary edit: undo takes it back.
  await page.getByRole('button', { name: 'Undo (Ctrl+Z)' }).click();
  await expect(canvas.getByRole('group', { name: 'Message: Greeting' })).toHaveCount(1);

  // The buttons do the same: copy, then paste into this bot.
  await greeting.click();
  await page.getByRole('button', { name: 'Copy selected nodes (Ctrl+C)' }).click();
  await page.getByRole('button', { name: 'Paste nodes (Ctrl+V)' }).click();
  await expect(canvas.getByRole('group', { name: 'Message: Greeting' })).toHaveCount(2);
  await saved(page);

  // Ctrl+C here, Ctrl+V in another bot.
  // The pasted copy is selected (and lies over the original's corner): copy it on.
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(1);
  await page.keyboard.press('Control+c');
  const target = await openNewBot(page, 'Copy target');
  await target.click({ position: { x: 30, y: 30 } });
  await page.keyboard.press('Control+v');
  await expect(target.getByRole('group', { name: 'Message: Greeting' })).toHaveCount(1);
  await expect(target.getByRole('group', { name: 'Message: Greeting' })).toContainText('New message');
  await saved(page);
  await page.reload();
  await expect(target.getByRole('group', { name: 'Message: Greeting' })).toHaveCount(1);
});

test('drag a node from the palette onto the canvas, tidy the layout, and find every shortcut in the help panel', async ({ page }) => {
  await signUpToWorkspace(page, newAccount('Dag Layout'));
  const canvas = await openNewBot(page, 'Layout bot');
  const palette = page.getByRole('navigation', { name: 'Add a node' });

  await palette.getByRole('button', { name: 'Add Hand off to a person' }).dragTo(canvas, { targetPosition: { x: 120, y: 260 } });
  await expect(canvas.getByRole('group', { name: /^Hand off to a person: handoff-/ })).toBeVisible();

  // Two more nodes with nothing selected land on the same spot in the middle of the view.
  await page.keyboard.press('Escape');
  await palette.getByRole('button', { name: 'Add End' }).click();
  await page.keyboard.press('Escape');
  await palette.getByRole('button', { name: 'Add End' }).click();
  const cards = canvas.locator('.react-flow__node');
  await expect(cards).toHaveCount(4);
  expect(await overlappingPairs(cards)).toBeGreaterThan(0);

  await page.getByRole('button', { name: 'Tidy up the layout' }).click();
  await expect.poll(() => overlappingPairs(cards)).toBe(0);
  await saved(page);

  // Ctrl+A selects every node; Escape clears the selection.
  await canvas.click({ position: { x: 10, y: 10 } });
  await page.keyboard.press('Control+a');
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(4);
  await page.keyboard.press('Escape');
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(0);

  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  for (const action of ['Undo', 'Paste copied nodes', 'Duplicate the selected nodes']) await expect(help.getByRole('cell', { name: action, exact: true })).toBeVisible();
  await help.getByRole('button', { name: 'Close' }).click();
  await expect(help).toBeHidden();
  await page.getByRole('button', { name: 'Keyboard shortcuts (?)' }).click();
  await expect(help).toBeVisible();
});

/** How many pairs of node cards overlap on screen. */
async function overlappingPairs(cards: Locator): Promise<number> {
  const boxes = (await Promise.all((await cards.all()).map((card) => card.boundingBox()))).filter((box) => box !== null);
  let pairs = 0;
  for (const [i, a] of boxes.entries()) {
    for (const b of boxes.slice(i + 1)) if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) pairs++;
  }
  return pairs;
}

test('reconnect an edge: drag its end onto another node, and the branch leads there', async ({ page }) => {
  await signUpToWorkspace(page, newAccount('Rhea Reconnect'));
  const canvas = await openNewBot(page, 'Reconnect bot');
  const palette = page.getByRole('navigation', { name: 'Add a node' });
  await canvas.getByRole('group', { name: 'Start: start' }).click();
  await palette.getByRole('button', { name: 'Add Message' }).click();
  await page.getByRole('region', { name: 'Inspector' }).getByLabel('Label').fill('First');
  await dragBetween(page, canvas.getByLabel('next branch of start', { exact: true }), canvas.getByLabel('Into First', { exact: true }));
  await expect(canvas.locator('.react-flow__edge')).toHaveCount(1);
  await palette.getByRole('button', { name: 'Add End' }).click();
  await page.getByRole('region', { name: 'Inspector' }).getByLabel('Label').fill('Last');
  await page.getByRole('button', { name: 'Fit View' }).click();

  // Grab the edge's target end (React Flow's reconnect handle) and drop it on the end node.
  const edge = canvas.locator('.react-flow__edge').first();
  await edge.click();
  await dragBetween(page, canvas.locator('.react-flow__edgeupdater-target').first(), canvas.getByLabel('Into Last', { exact: true }));

  // Still one edge (a branch leads to one place), now into "Last"; "First" is left unreachable.
  await expect(canvas.locator('.react-flow__edge')).toHaveCount(1);
  await expect(page.getByRole('complementary', { name: /Problems/ })).toContainText('Nothing leads to this Message “First”');
  await saved(page);
  await page.reload();
  await expect(page.getByRole('complementary', { name: /Problems/ })).toContainText('Nothing leads to this Message “First”');
});
