import { expect, test, type Locator, type Page } from '@playwright/test';
import { dragBetween, viewSettled } from './canvas-helpers';
import { createBot, newAccount, signUpToWorkspace } from './helpers';

/**
 * The editor's promise: a support lead builds a working bot from a blank canvas without code,
 * tests it, publishes it, changes it, publishes again, and can go back to the first version.
 */
test('build a bot from a blank canvas, test it in the editor, publish, change, publish again and restore version 1', async ({ page }) => {
  test.setTimeout(120_000);
  // A designer's screen: room for the whole flow at a zoom where branch handles are apart.
  await page.setViewportSize({ width: 1920, height: 1080 });
  await signUpToWorkspace(page, newAccount('Bea Builder'));
  await createBot(page, 'Helpdesk');
  await page.getByRole('link', { name: 'Open Helpdesk in the editor' }).click();
  const canvas = page.getByRole('region', { name: 'Canvas' });
  const inspector = page.getByRole('region', { name: 'Inspector' });
  const palette = page.getByRole('navigation', { name: 'Add a node' });
  const card = (name: string) => canvas.getByRole('group', { name });
  const edges = canvas.locator('.react-flow__edge');
  const connect = async (from: string, to: string) => {
    const before = await edges.count();
    const target = canvas.getByLabel(`Into ${to}`, { exact: true });
    await dragBetween(page, canvas.getByLabel(from, { exact: true }), target);
    await expect(edges, `${from} → ${to}`).toHaveCount(before + 1);
  };

  // A welcome message after the start node.
  await card('Start: start').click();
  await palette.getByRole('button', { name: 'Add Message' }).click();
  await inspector.getByLabel('Label').fill('Welcome');
  await inspector.getByLabel('Message', { exact: true }).fill('Hi! How can I help?');
  await connect('next branch of start', 'Welcome');

  // An intent router with two trained intents.
  await palette.getByRole('button', { name: 'Add Intent router' }).click();
  await inspector.getByLabel('Label').fill('Menu');
  await inspector.getByRole('button', { name: 'Edit intents and entities' }).click();
  const intents = page.getByRole('dialog', { name: 'Intents and entities' });
  await addIntent(intents, 'order', ['where is my order', 'track my order', 'my order has not arrived', 'order status please']);
  await addIntent(intents, 'hours', ['when are you open', 'opening hours', 'what time do you close', 'are you open on sunday']);
  await page.keyboard.press('Escape');
  await expect(intents).toBeHidden();
  await inspector.getByRole('checkbox', { name: 'order' }).check();
  await inspector.getByRole('checkbox', { name: 'hours' }).check();
  await expect(card('Intent router: Menu')).toContainText('order');
  await connect('next branch of Welcome', 'Menu');

  // Ask for the order number.
  await palette.getByRole('button', { name: 'Add Ask' }).click();
  await inspector.getByLabel('Label').fill('Order number');
  await inspector.getByLabel('Question', { exact: true }).fill('What is your order number?');
  await inspector.getByRole('combobox', { name: 'Expected answer', exact: true }).click();
  await page.getByRole('option', { name: /^A number/ }).click();
  await inspector.getByLabel('Save the answer as').fill('orderNumber');
  await connect('order branch of Menu', 'Order number');

  // A condition on the answer.
  await palette.getByRole('button', { name: 'Add Condition' }).click();
  await inspector.getByLabel('Label').fill('Big order');
  await inspector.getByRole('button', { name: 'Add rule' }).click();
  await inspector.getByLabel('Rule 1 variable').fill('orderNumber');
  await inspector.getByRole('combobox', { name: 'Rule 1 check' }).click();
  await page.getByRole('option', { name: 'is more than' }).click();
  await inspector.getByLabel('Rule 1 value').fill('1000');
  await connect('next branch of Order number', 'Big order');

  // And an end.
  await palette.getByRole('button', { name: 'Add End' }).click();
  await inspector.getByLabel('Label').fill('Done');
  await connect('else branch of Big order', 'Done');

  // Tidy the canvas, then wire the remaining branches to the end.
  await page.getByRole('button', { name: 'Tidy up the layout' }).click();
  await connect('rule 1 branch of Big order', 'Done');
  await connect('invalid branch of Order number', 'Done');
  await connect('fallback branch of Menu', 'Done');
  await connect('hours branch of Menu', 'Done');
  await expect(edges).toHaveCount(9);
  await saved(page);
  const problems = page.getByRole('complementary', { name: /Problems/ });
  await expect(problems.getByRole('button', { name: /^Error:/ })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Publish' })).toBeEnabled();

  // Test the draft: the path shows on the canvas.
  await page.getByRole('button', { name: 'Test bot' }).click();
  const chat = page.getByRole('complementary', { name: 'Test chat' });
  const log = chat.getByRole('log', { name: 'Test conversation' });
  await expect(log).toContainText('Hi! How can I help?');
  await expect(card('Intent router: Menu')).toHaveAttribute('aria-current', 'step');
  await chat.getByRole('textbox', { name: 'Message' }).fill('where is my order');
  await chat.getByRole('button', { name: 'Send' }).click();
  await expect(log).toContainText('What is your order number?');
  await expect(card('Ask: Order number')).toHaveAttribute('aria-current', 'step');
  await expect(card('Message: Welcome')).toContainText('Visited in test chat');
  await chat.getByRole('textbox', { name: 'Message' }).fill('4711');
  await chat.getByRole('button', { name: 'Send' }).click();
  await expect(chat.getByText('The conversation has ended. Restart to test again.')).toBeVisible();
  await expect(card('End: Done')).toHaveAttribute('aria-current', 'step');
  await expect(canvas.getByRole('group', { name: 'Taken in the test chat: rule 1 branch of Big order to Done' }).or(canvas.getByRole('group', { name: /^Taken in the test chat: rule:.* branch of .* to .*/ }))).toHaveCount(1);
  await page.getByRole('button', { name: 'Test bot' }).click();

  await publish(page, 'First version', 1);

  // A change, published as version 2 (the canvas followed the test to its end: show it all).
  await canvas.getByRole('button', { name: 'Fit View' }).click();
  await viewSettled(page);
  await card('Message: Welcome').click();
  await inspector.getByLabel('Message', { exact: true }).fill('Hello there! What can I do for you?');
  await expect(card('Message: Welcome')).toContainText('Hello there!');
  await saved(page);
  await publish(page, 'Friendlier welcome', 2);

  // Restore version 1 into the draft.
  await page.getByRole('button', { name: 'Versions' }).click();
  const versions = page.getByRole('dialog', { name: 'Versions' }).getByRole('list', { name: 'Published versions' });
  await versions.getByRole('button', { name: 'Restore into draft: version 1' }).click();
  await page.getByRole('alertdialog', { name: 'Restore version 1 into the draft?' }).getByRole('button', { name: 'Restore version 1' }).click();
  await expect(page.getByText('Version 1 restored into the draft')).toBeVisible();
  await expect(card('Message: Welcome')).toContainText('Hi! How can I help?');
  await expect(page.getByText('Live · v2')).toBeVisible();
  await page.reload();
  await expect(card('Message: Welcome')).toContainText('Hi! How can I help?');
});

async function addIntent(dialog: Locator, name: string, phrases: string[]) {
  await dialog.getByRole('button', { name: 'Add intent' }).click();
  await dialog.getByLabel('Intent name').fill(name);
  const field = dialog.getByLabel('Add training phrases');
  for (const phrase of phrases) {
    await field.fill(phrase);
    await field.press('Enter');
  }
  await expect(dialog.getByRole('heading', { name: `Training phrases (${phrases.length})` })).toBeVisible();
}

async function saved(page: Page) {
  await expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible({ timeout: 10_000 });
}

async function publish(page: Page, notes: string, number: number) {
  await saved(page);
  await page.getByRole('button', { name: 'Publish' }).click();
  const dialog = page.getByRole('dialog', { name: 'Publish this bot' });
  await dialog.getByLabel('Notes (optional)').fill(notes);
  await dialog.getByRole('button', { name: 'Publish now' }).click();
  await expect(page.getByText(`Published version ${number}`)).toBeVisible();
  await expect(page.getByText(`Live · v${number}`)).toBeVisible();
}
