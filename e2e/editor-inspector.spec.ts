import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { dragBetween, viewSettled } from './canvas-helpers';
import { createBot, newAccount, signUpToWorkspace } from './helpers';

/** Signs up, creates a bot, opens it in the editor and selects its start node. */
async function openNewBot(page: Page, owner: string, bot: string) {
  await signUpToWorkspace(page, newAccount(owner));
  await createBot(page, bot);
  await page.getByRole('link', { name: `Open ${bot} in the editor` }).click();
  const canvas = page.getByRole('region', { name: 'Canvas' });
  await canvas.getByRole('group', { name: 'Start: start' }).click();
  return { canvas, inspector: page.getByRole('region', { name: 'Inspector' }), palette: page.getByRole('navigation', { name: 'Add a node' }) };
}

async function expectSaved(page: Page) {
  await expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible({ timeout: 10_000 });
}

/** Picks an option of a (Radix) select named `label`. */
async function choose(page: Page, scope: Locator, label: string, option: string | RegExp) {
  await scope.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option }).click();
}

/** An order API on 127.0.0.2, the one private address the e2e server may reach (playwright.config.ts). */
async function startOrderApi() {
  const paths: string[] = [];
  const server = http.createServer((req, res) => {
    paths.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ data: { order: { id: '42', status: 'shipped', items: [{ sku: 'MUG-1', qty: 2 }] } } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.2', resolve));
  return { origin: `http://127.0.0.2:${(server.address() as AddressInfo).port}`, paths, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Pastes text into a field as the browser would (a paste event carrying the clipboard text). */
async function paste(field: Locator, text: string) {
  await field.evaluate((element, pasted) => {
    const data = new DataTransfer();
    data.setData('text/plain', pasted);
    element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

test('configure an Ask node, a message with quick replies and a {{variable}} picked from the list; a reload keeps it all', async ({ page }) => {
  const { canvas, inspector, palette } = await openNewBot(page, 'Quinn Quickreply', 'Ask bot');
  await palette.getByRole('button', { name: 'Add Ask' }).click();

  await inspector.getByLabel('Question', { exact: true }).fill('What is your email address?');
  await choose(page, inspector, 'Expected answer', /An email address/);
  await inspector.getByLabel('Save the answer as').fill('email');
  await inspector.getByLabel('Ask again with').fill('That does not look like an email address. Could you check it?');
  await inspector.getByLabel('Tries before giving up').fill('11');
  await expect(inspector.getByRole('alert')).toHaveText('Use a number from 0 to 10.');
  await inspector.getByLabel('Tries before giving up').fill('3');
  await expect(inspector.getByRole('alert')).toHaveCount(0);
  await inspector.getByLabel('Label').fill('Ask the email');
  await expect(canvas.getByRole('group', { name: 'Ask: Ask the email' })).toContainText('What is your email address? → {{email}}');

  // A message after it: type {{ and pick the variable from the list with the keyboard.
  await palette.getByRole('button', { name: 'Add Message' }).click();
  const text = inspector.getByLabel('Message', { exact: true });
  await text.fill('');
  await text.pressSequentially('Thanks! We will write to {{em');
  const list = page.getByRole('listbox', { name: 'Variables' });
  await expect(list.getByRole('option').first()).toHaveText(/^email/);
  await expect(text).toHaveAttribute('aria-expanded', 'true');
  await text.press('Enter');
  await expect(text).toHaveValue('Thanks! We will write to {{email}}');
  await expect(list).toBeHidden();
  await text.pressSequentially(' on {{');
  await list.getByRole('option', { name: /^now/ }).click();
  await expect(text).toHaveValue('Thanks! We will write to {{email}} on {{now}}');
  // A name the bot does not have is pointed out.
  await text.pressSequentially(' {{emial}}');
  await expect(inspector.getByText('Not a variable of this bot: {{emial}}')).toBeVisible();
  await text.fill('Thanks! We will write to {{email}}.');
  await expect(inspector.getByText(/Not a variable of this bot/)).toHaveCount(0);

  // Quick replies: add two, remove one.
  await inspector.getByRole('button', { name: 'Add quick reply' }).click();
  await inspector.getByLabel('Button 1 text').fill('Change my email');
  await inspector.getByRole('button', { name: 'Add quick reply' }).click();
  await inspector.getByLabel('Button 2 text').fill('All good');
  await inspector.getByRole('button', { name: 'Add quick reply' }).click();
  // An empty button is not saved, and says what to do.
  await expect(inspector.getByRole('alert')).toHaveText('Give the button a text (up to 80 characters).');
  await inspector.getByRole('button', { name: 'Remove quick reply 3' }).click();
  await expect(inspector.getByRole('alert')).toHaveCount(0);
  await inspector.getByLabel('Label').fill('Confirm');
  await expectSaved(page);

  await page.reload();
  await canvas.getByRole('group', { name: 'Message: Confirm' }).click();
  await expect(inspector.getByLabel('Message', { exact: true })).toHaveValue('Thanks! We will write to {{email}}.');
  await expect(inspector.getByLabel('Button 1 text')).toHaveValue('Change my email');
  await expect(inspector.getByLabel('Button 2 text')).toHaveValue('All good');
  await expect(inspector.getByLabel('Button 3 text')).toHaveCount(0);
  await canvas.getByRole('group', { name: 'Ask: Ask the email' }).click();
  await expect(inspector.getByRole('combobox', { name: 'Expected answer', exact: true })).toHaveText('An email address');
  await expect(inspector.getByLabel('Tries before giving up')).toHaveValue('3');
});

test('edit intents from an intent router: bulk-paste training phrases, route on the intent, and find it all after a reload', async ({ page }) => {
  const { canvas, inspector, palette } = await openNewBot(page, 'Iris Intents', 'Intent bot');
  await palette.getByRole('button', { name: 'Add Intent router' }).click();
  await inspector.getByRole('button', { name: 'Edit intents and entities' }).click();

  const dialog = page.getByRole('dialog', { name: 'Intents and entities' });
  await dialog.getByRole('button', { name: 'Add intent' }).click();
  await dialog.getByLabel('Intent name').fill('order status');
  await expect(dialog.getByRole('alert')).toContainText('Use letters, digits, dots, dashes and underscores');
  await dialog.getByLabel('Intent name').fill('order.status');
  await expect(dialog.getByRole('alert')).toHaveCount(0);

  const phrases = dialog.getByLabel('Add training phrases');
  await paste(phrases, 'where is my order\ntrack my parcel\n\nWhere is my order\nhas my package shipped\nwhen will my order arrive\n');
  await expect(dialog.getByRole('status').filter({ hasText: 'Added 4 phrases, 1 was already there.' })).toBeVisible();
  await expect(dialog.getByRole('heading', { name: 'Training phrases (4)' })).toBeVisible();
  // One typed phrase, added with Enter.
  await phrases.fill('is my order on its way');
  await phrases.press('Enter');
  await expect(dialog.getByRole('heading', { name: 'Training phrases (5)' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Remove phrase “track my parcel”' }).click();
  await expect(dialog.getByRole('list', { name: 'Training phrases of order.status' }).getByRole('listitem')).toHaveCount(4);

  await dialog.getByRole('button', { name: 'Add intent' }).click();
  await dialog.getByLabel('Intent name').fill('greeting');
  await paste(phrases, 'hello\nhi there\ngood morning');
  await expect(dialog.getByRole('heading', { name: 'Training phrases (3)' })).toBeVisible();

  // A custom entity with a value and synonyms.
  await dialog.getByRole('button', { name: 'Add entity' }).click();
  await dialog.getByLabel('Entity 1 name').fill('size');
  await dialog.getByRole('button', { name: 'Add value to size' }).click();
  await dialog.getByLabel('Value 1', { exact: true }).fill('large');
  await dialog.getByLabel('Value 1 synonyms').fill('big, XL');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await inspector.getByRole('checkbox', { name: 'order.status' }).check();
  await inspector.getByLabel('Confidence needed (0 to 1)').fill('0.6');
  const router = canvas.getByRole('group', { name: /^Intent router: / });
  await expect(router).toContainText('order.status');
  await expectSaved(page);

  await page.reload();
  await canvas.getByRole('group', { name: /^Intent router: / }).click();
  await expect(inspector.getByRole('checkbox', { name: 'order.status' })).toBeChecked();
  await expect(inspector.getByRole('checkbox', { name: 'greeting' })).not.toBeChecked();
  await expect(inspector.getByLabel('Confidence needed (0 to 1)')).toHaveValue('0.6');
  await inspector.getByRole('button', { name: 'Edit intents and entities' }).click();
  await expect(dialog.getByRole('heading', { name: 'Intents (2)' })).toBeVisible();
  await expect(dialog.getByRole('list', { name: 'Training phrases of order.status' }).getByRole('listitem')).toHaveCount(4);
  await expect(dialog.getByLabel('Value 1 synonyms')).toHaveValue('big, XL');
  // The conflict check answers for the saved intents.
  await expect(dialog.getByRole('status').filter({ hasText: /No conflicts between the saved intents|confused pair/ })).toBeVisible();
});

test('configure an HTTP request: headers with secrets, mappings, and a test request to a private address refused with the reason', async ({ page }) => {
  const { canvas, inspector, palette } = await openNewBot(page, 'Hugo Http', 'Tool bot');
  await palette.getByRole('button', { name: 'Add HTTP request' }).click();

  await choose(page, inspector, 'Method', 'POST');
  const url = inspector.getByLabel('URL', { exact: true });
  await url.fill('http://127.0.0.1:9/orders/{{orderId}}');
  await expect(inspector.getByText('Not a variable of this bot: {{orderId}}')).toBeVisible();
  await inspector.getByRole('button', { name: 'Add header' }).click();
  await inspector.getByLabel('Header 1 name').fill('Authorization');
  await inspector.getByLabel('Header 1 value').fill('Bearer {{secrets.ORDERS_API_KEY}}');
  await inspector.getByLabel('Body (optional)').fill('{"order": "{{orderId}}"}');
  await inspector.getByRole('button', { name: 'Add mapping' }).click();
  await inspector.getByLabel('Mapping 1 from').fill('body.order.status');
  await inspector.getByLabel('Mapping 1 variable').fill('order status');
  await expect(inspector.getByRole('alert')).toHaveText('Use letters, digits and underscores, starting with a letter');
  await inspector.getByLabel('Mapping 1 variable').fill('orderStatus');
  await expect(inspector.getByRole('alert')).toHaveCount(0);

  await inspector.getByLabel('Sample value for orderId').fill('42');
  const sendTest = inspector.getByRole('button', { name: 'Send test request' });
  await sendTest.click();
  // Secrets are read on the server: a missing one is named, and nothing is sent.
  await expect(inspector.getByRole('alert')).toHaveText('The request did not get an answer: The workspace has no secret named ORDERS_API_KEY. Add it in the workspace settings.');
  await inspector.getByRole('button', { name: 'Remove header 1 (Authorization)' }).click();
  await sendTest.click();
  // The SSRF guard refuses a private address, and says how to allow one's own server.
  await expect(inspector.getByRole('alert')).toContainText(/The request did not get an answer: .*private or local addresses are blocked/);
  await expect(inspector.getByRole('alert')).toContainText('OUTBOUND_ALLOWLIST');
  await inspector.getByRole('button', { name: 'Add header' }).click();
  await inspector.getByLabel('Header 1 name').fill('Authorization');
  await inspector.getByLabel('Header 1 value').fill('Bearer {{secrets.ORDERS_API_KEY}}');
  await inspector.getByLabel('Label').fill('Order lookup');
  await expectSaved(page);

  await page.reload();
  await canvas.getByRole('group', { name: 'HTTP request: Order lookup' }).click();
  await expect(inspector.getByLabel('URL', { exact: true })).toHaveValue('http://127.0.0.1:9/orders/{{orderId}}');
  await expect(inspector.getByLabel('Header 1 value')).toHaveValue('Bearer {{secrets.ORDERS_API_KEY}}');
  await expect(inspector.getByLabel('Mapping 1 variable')).toHaveValue('orderStatus');
  await expect(inspector.getByLabel('Mapping 1 from')).toHaveValue('body.order.status');
  // The mapped variable is now one the whole bot knows.
  await palette.getByRole('button', { name: 'Add Message' }).click();
  await inspector.getByRole('button', { name: /Insert variable/ }).click();
  await page.getByRole('menuitem', { name: 'orderStatus' }).click();
  await expect(inspector.getByLabel('Message', { exact: true })).toHaveValue('New message{{orderStatus}}');
});

test('send a test request and click a field of the response to save it in a variable', async ({ page }) => {
  const api = await startOrderApi();
  try {
    const { canvas, inspector, palette } = await openNewBot(page, 'Tara Testrequest', 'Order bot');
    await palette.getByRole('button', { name: 'Add HTTP request' }).click();
    await inspector.getByLabel('URL', { exact: true }).fill(`${api.origin}/orders/{{orderId}}`);
    await inspector.getByLabel('Sample value for orderId').fill('42');
    await inspector.getByRole('button', { name: 'Send test request' }).click();

    const response = inspector.getByRole('group', { name: 'Test response' });
    await expect(response.getByRole('status')).toContainText(/HTTP 200 in \d+ ms/);
    expect(api.paths).toEqual(['/orders/42']);
    await response.getByRole('button', { name: 'Save body.data.order.status in a variable' }).click();
    await expect(inspector.getByLabel('Mapping 1 variable')).toHaveValue('status');
    await expect(inspector.getByLabel('Mapping 1 from')).toHaveValue('body.data.order.status');
    await expect(inspector.getByText('Added: status ← body.data.order.status.')).toBeVisible();
    // Any field, at any depth, array items included.
    await response.getByRole('button', { name: 'Save body.data.order.items[0].sku in a variable' }).click();
    await expect(inspector.getByLabel('Mapping 2 variable')).toHaveValue('sku');
    await inspector.getByLabel('Mapping 1 variable').fill('orderStatus');

    // Sent again, the answer shows what each mapping would save.
    await inspector.getByRole('button', { name: 'Send test request' }).click();
    await expect(response.getByText('orderStatus = "shipped"')).toBeVisible();
    await expect(response.getByText('sku = "MUG-1"')).toBeVisible();
    await inspector.getByLabel('Label').fill('Find the order');
    await expectSaved(page);

    await page.reload();
    await canvas.getByRole('group', { name: 'HTTP request: Find the order' }).click();
    await expect(inspector.getByLabel('Mapping 1 variable')).toHaveValue('orderStatus');
    await expect(inspector.getByLabel('Mapping 2 from')).toHaveValue('body.data.order.items[0].sku');
  } finally {
    await api.close();
  }
});

test('deleting a condition rule takes its edge off the canvas; the other branches keep theirs', async ({ page }) => {
  const { canvas, inspector, palette } = await openNewBot(page, 'Rhea Rules', 'Rules bot');
  const edges = canvas.locator('.react-flow__edge');
  const connect = async (from: string, to: string) => {
    const before = await edges.count();
    await dragBetween(page, canvas.getByLabel(from, { exact: true }), canvas.getByLabel(`Into ${to}`, { exact: true }));
    await expect(edges, `${from} → ${to}`).toHaveCount(before + 1);
  };
  await palette.getByRole('button', { name: 'Add End' }).click();
  await inspector.getByLabel('Label').fill('Done');
  await palette.getByRole('button', { name: 'Add Condition' }).click();
  await inspector.getByLabel('Label').fill('Plan check');
  for (const [index, plan] of ['gold', 'silver'].entries()) {
    await inspector.getByRole('button', { name: 'Add rule' }).click();
    await inspector.getByLabel(`Rule ${index + 1} variable`).fill('plan');
    await inspector.getByLabel(`Rule ${index + 1} value`).fill(plan);
  }
  await page.getByRole('button', { name: 'Tidy up the layout' }).click();
  await viewSettled(page);
  const before = await edges.count();
  await connect('rule 1 branch of Plan check', 'Done');
  await connect('rule 2 branch of Plan check', 'Done');
  await connect('else branch of Plan check', 'Done');
  await expectSaved(page);

  await canvas.getByRole('group', { name: 'Condition: Plan check' }).click();
  await inspector.getByRole('button', { name: 'Remove rule 1' }).click();
  // The old rule 2 is rule 1 now, still wired; the deleted rule's edge is gone, and so is its problem.
  await expect(edges).toHaveCount(before + 2);
  await expect(canvas.getByLabel('rule 1 branch of Plan check', { exact: true })).toBeVisible();
  await expect(canvas.getByLabel('rule 2 branch of Plan check', { exact: true })).toHaveCount(0);
  await expectSaved(page);
  // Left behind, the edge would be an error that blocks publishing ("has no branch …").
  const problems = page.getByRole('complementary', { name: /Problems/ });
  await expect(problems).toBeVisible();
  await expect(problems.getByText(/has no branch/)).toHaveCount(0);
  await page.reload();
  await expect(canvas.locator('.react-flow__edge')).toHaveCount(before + 2);
});
