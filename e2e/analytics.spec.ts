import { readFileSync } from 'node:fs';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { openWidgetOnHostPage, seedPublishedBot, startHostSite } from './handoff-helpers';
import { fillSignUpForm, newAccount, signUpToWorkspace } from './helpers';
import { callTrpc, saveDraft } from './seed-through-api';

const analyticsBot = JSON.parse(readFileSync(new URL('./fixtures/analytics-bot.json', import.meta.url), 'utf8')) as unknown;
/** A visitor's text a spreadsheet would run as a formula: the CSV export must neutralise it. */
const FORMULA = '=HYPERLINK("http://evil.example","prize")';
const GIFT_CARDS = 'do you sell vouchers for birthdays';

/** Plays one conversation through the public HTTP API (an API key, so channel "api"). */
async function playConversation(request: APIRequestContext, publicId: string, key: string, texts: string[]) {
  const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
  const started = await request.post(`/api/v1/bots/${publicId}/conversations`, { headers, data: {} });
  expect(started.status(), await started.text()).toBe(201);
  const { conversationId } = (await started.json()) as { conversationId: string };
  for (const [i, text] of texts.entries()) {
    const sent = await request.post(`/api/v1/conversations/${conversationId}/messages`, { headers, data: { clientMessageId: `msg-${conversationId}-${i}`, text } });
    expect(sent.status(), await sent.text()).toBe(200);
  }
  return conversationId;
}

function workspaceIdOf(page: Page) {
  return /\/w\/([^/]+)/.exec(new URL(page.url()).pathname)![1]!;
}

test('conversations show up on the dashboards, the canvas overlay and the transcripts; fallbacks teach intents; exports are safe; viewers only read', async ({ browser, page }) => {
  test.setTimeout(180_000);
  // The owner publishes a bot and plays four conversations through the public API.
  await signUpToWorkspace(page, newAccount('Ana Analyst'));
  const workspaceId = workspaceIdOf(page);
  const bot = await callTrpc<{ id: string; publicId: string }>(page, 'bot.create', { workspaceId, name: 'Order helper' }, 'mutation');
  await saveDraft(page, { workspaceId, botId: bot.id }, analyticsBot);
  await callTrpc(page, 'bot.publish', { workspaceId, botId: bot.id }, 'mutation');
  const { key } = await callTrpc<{ key: string }>(page, 'apiKey.create', { workspaceId, name: 'Traffic' }, 'mutation');
  await playConversation(page.request, bot.publicId, key, ['where is my order']); // resolved
  await playConversation(page.request, bot.publicId, key, ['I want to talk to a person']); // handed off
  await playConversation(page.request, bot.publicId, key, [FORMULA]); // fallback
  await playConversation(page.request, bot.publicId, key, [GIFT_CARDS]); // fallback

  // Another workspace with traffic of its own, which must never show up here.
  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await signUpToWorkspace(other, newAccount('Otto Other'));
  const otherWorkspace = workspaceIdOf(other);
  const otherBot = await callTrpc<{ id: string; publicId: string }>(other, 'bot.create', { workspaceId: otherWorkspace, name: 'Secret rival bot' }, 'mutation');
  await saveDraft(other, { workspaceId: otherWorkspace, botId: otherBot.id }, analyticsBot);
  await callTrpc(other, 'bot.publish', { workspaceId: otherWorkspace, botId: otherBot.id }, 'mutation');
  const otherKey = (await callTrpc<{ key: string }>(other, 'apiKey.create', { workspaceId: otherWorkspace, name: 'Rival' }, 'mutation')).key;
  await playConversation(other.request, otherBot.publicId, otherKey, ['rival visitor secret text']);

  // The bot dashboard, from the bot card.
  await page.goto(`/w/${workspaceId}`);
  await page.getByRole('link', { name: 'Analytics of Order helper' }).click();
  await expect(page.getByRole('heading', { name: 'Analytics: Order helper', level: 1 })).toBeVisible();
  const figures = page.getByRole('list', { name: 'Key figures' });
  await expect(figures.getByRole('listitem', { name: 'Conversations', exact: true }).getByText('4', { exact: true })).toBeVisible();
  await expect(figures.getByRole('listitem', { name: 'Handoff rate', exact: true }).getByText('25%', { exact: true })).toBeVisible();
  await expect(figures.getByRole('listitem', { name: 'Containment', exact: true }).getByText('75%', { exact: true })).toBeVisible();
  await expect(figures.getByRole('listitem', { name: 'Fallback rate', exact: true }).getByText('50%', { exact: true })).toBeVisible();
  const outcomes = page.getByRole('list', { name: 'Outcomes' });
  await expect(outcomes.getByRole('listitem', { name: 'Resolved' }).getByText('1', { exact: true })).toBeVisible();
  await expect(outcomes.getByRole('listitem', { name: 'Handed off' }).getByText('1', { exact: true })).toBeVisible();
  // Each KPI says how it is measured.
  await page.getByRole('button', { name: 'How is containment measured?' }).click();
  await expect(page.getByText(/^Containment rate = engaged conversations not handed off \/ engaged conversations\./)).toBeVisible();
  // Charts carry their figures as a table for screen readers.
  await expect(page.getByRole('figure', { name: 'Conversations over time' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Conversations over time, by day' })).toBeAttached();
  await expect(page.getByRole('table', { name: /Intents matched most often/ }).getByRole('rowheader', { name: 'track_order' })).toBeVisible();

  // The fallback utterances, and one of them added to an intent of the draft.
  const fallbacks = page.getByRole('table', { name: 'Fallback utterances, most frequent first' });
  await expect(fallbacks.getByRole('rowheader', { name: FORMULA })).toBeVisible();
  await fallbacks.getByRole('button', { name: `Add “${GIFT_CARDS}” to an intent` }).click();
  const dialog = page.getByRole('dialog', { name: 'Add to an intent' });
  await dialog.getByRole('combobox', { name: 'Intent' }).click();
  await page.getByRole('option', { name: /gift_cards/ }).click();
  await dialog.getByRole('button', { name: 'Add phrase' }).click();
  await expect(page.getByText(`Added “${GIFT_CARDS}” to gift_cards in the draft. Publish to use it.`)).toBeVisible();
  const draft = await callTrpc<{ graph: { intents: { name: string; phrases: string[] }[] } }>(page, 'bot.getDraft', { workspaceId, botId: bot.id }, 'query');
  expect(draft.graph.intents.find((i) => i.name === 'gift_cards')!.phrases).toContain(GIFT_CARDS);

  // A funnel between two nodes.
  await page.getByRole('combobox', { name: 'Step 1' }).click();
  await page.getByRole('option', { name: 'Menu (Intent router)' }).click();
  await page.getByRole('combobox', { name: 'Step 2' }).click();
  await page.getByRole('option', { name: 'Order answered (End)' }).click();
  const funnel = page.getByRole('list', { name: 'Funnel steps' });
  await expect(funnel.getByRole('listitem').nth(0)).toContainText('4 conversations');
  await expect(funnel.getByRole('listitem').nth(1)).toContainText('1 conversation (25%)');

  // The canvas overlay: traffic on edges, drop-off on nodes.
  await page.getByRole('link', { name: 'Open in the editor' }).click();
  await page.getByRole('button', { name: 'Analytics', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'v1: 4 conversations' })).toBeVisible();
  const canvas = page.getByRole('region', { name: 'Canvas' });
  await expect(canvas.getByRole('group', { name: '4 conversations took the next branch of hello to menu' })).toBeVisible();
  await expect(canvas.getByRole('group', { name: '2 conversations took the fallback branch of menu to sorry' })).toContainText('2');
  // Each node's badge is read just before the node.
  // Ending on an end node is not a drop-off; a visitor still waiting for a person is.
  await expect(canvas.getByText('Drop-off at Not understood: 0 of 2 conversations stopped here.')).toBeAttached();
  await expect(canvas.getByText('Drop-off at To a person: 1 of 1 conversations stopped here.')).toBeAttached();
  await expect(canvas.getByText('Drop-off at Menu: 0 of 4 conversations stopped here.')).toBeAttached();

  // The team dashboard: one row per bot, sortable; nothing of the other workspace.
  await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Analytics' }).click();
  await expect(page.getByRole('heading', { name: 'Analytics', level: 1 })).toBeVisible();
  const team = page.getByRole('table', { name: /Figures per bot/ });
  await expect(team.getByRole('row', { name: /Order helper/ })).toContainText('25%');
  await expect(team.getByRole('columnheader', { name: 'Conversations', exact: true })).toHaveAttribute('aria-sort', 'descending');
  await team.getByRole('button', { name: 'Bot', exact: true }).click();
  await expect(team.getByRole('columnheader', { name: 'Bot', exact: true })).toHaveAttribute('aria-sort', 'ascending');
  await expect(page.locator('main')).not.toContainText('Secret rival bot');
  // Filters live in the URL: test chat traffic is only counted when asked for.
  await page.getByRole('combobox', { name: 'Period' }).click();
  await page.getByRole('option', { name: 'Last 7 days' }).click();
  await expect(page).toHaveURL(/range=7d/);
  await expect(page.getByRole('list', { name: 'Key figures' }).getByRole('listitem', { name: 'Conversations', exact: true }).getByText('4', { exact: true })).toBeVisible();

  // Transcripts: search, open one with its trace, export CSV with formulas neutralised.
  await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Transcripts' }).click();
  const list = page.getByRole('list', { name: 'Conversations' });
  await expect(list.getByRole('listitem')).toHaveCount(4);
  await expect(page.locator('main')).not.toContainText('rival visitor secret text');
  await page.getByLabel('Text').fill('talk to a person');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await list.getByRole('button', { name: /I want to talk to a person/ }).click();
  const conversation = page.getByRole('complementary', { name: 'Conversation' });
  await expect(conversation.getByRole('list', { name: 'Transcript' })).toContainText('Connecting you with a person.');
  await conversation.getByRole('button', { name: 'Details of turn 2' }).click();
  await expect(conversation.getByRole('region', { name: 'Turn 2 details' })).toContainText('human');
  await page.getByLabel('Text').fill('');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(list.getByRole('listitem')).toHaveCount(4);
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^transcripts-.*\.csv$/);
  const csv = readFileSync(await download.path(), 'utf8');
  const lines = csv.trim().split('\r\n');
  expect(lines[0]).toBe('conversation_id,bot,channel,started_at,outcome,rating,seq,author,text,sent_at');
  // Four conversations: greeting, visitor message and the bot's answer(s) each.
  expect(lines.filter((l) => l.includes(',user,')).length).toBe(4);
  expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""prize"")"`);
  expect(csv).not.toMatch(/,=HYPERLINK/);
  expect(csv).not.toContain('rival visitor secret text');

  // A viewer sees the dashboards but no edit controls.
  const invite = await callTrpc<{ token: string }>(page, 'member.invite', { workspaceId, role: 'VIEWER' }, 'mutation');
  const viewerContext = await browser.newContext();
  const viewer = await viewerContext.newPage();
  await viewer.goto(`/invite/${invite.token}`);
  await viewer.getByRole('link', { name: 'Create an account' }).click();
  await viewer.waitForURL(/\/sign-up\?next=/);
  await fillSignUpForm(viewer, newAccount('Vera Viewer'));
  await viewer.getByRole('button', { name: /^Join/ }).click();
  await expect(viewer.getByRole('button', { name: /Workspace: Ana's workspace/ })).toBeVisible();
  await viewer.goto(`/w/${workspaceId}/bots/${bot.id}/analytics`);
  await expect(viewer.getByRole('list', { name: 'Key figures' }).getByRole('listitem', { name: 'Conversations', exact: true }).getByText('4', { exact: true })).toBeVisible();
  await expect(viewer.getByRole('table', { name: 'Fallback utterances, most frequent first' }).getByRole('rowheader', { name: FORMULA })).toBeVisible();
  await expect(viewer.getByRole('button', { name: /to an intent/ })).toHaveCount(0);
  await viewer.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Analytics' }).click();
  await expect(viewer.getByRole('table', { name: /Figures per bot/ }).getByRole('row', { name: /Order helper/ })).toBeVisible();
  // In the editor the viewer may turn the overlay on, but cannot edit or publish.
  await viewer.goto(`/w/${workspaceId}/bots/${bot.id}`);
  await viewer.getByRole('button', { name: 'Analytics', exact: true }).click();
  await expect(viewer.getByRole('region', { name: 'Canvas' }).getByRole('group', { name: '4 conversations took the next branch of hello to menu' })).toBeVisible();
  await expect(viewer.getByRole('button', { name: 'Publish' })).toHaveCount(0);
  await expect(viewer.getByRole('navigation', { name: 'Add a node' })).toHaveCount(0);
  // Another workspace's bot is not found for the viewer either.
  await viewer.goto(`/w/${workspaceId}/bots/${otherBot.id}/analytics`);
  await expect(viewer.getByRole('alert').filter({ hasText: 'Could not load the figures' })).toContainText('does not exist');
  // The other workspace's owner sees only their own bot.
  await other.goto(`/w/${otherWorkspace}/analytics`);
  await expect(other.getByRole('table', { name: /Figures per bot/ }).getByRole('row')).toHaveCount(2);
  await expect(other.locator('main')).not.toContainText('Order helper');

  await viewerContext.close();
  await otherContext.close();
});

test('a bot without traffic says what to do next; test chat is counted only when its channel is ticked', async ({ page }) => {
  await signUpToWorkspace(page, newAccount('Nia Newcomer'));
  const workspaceId = workspaceIdOf(page);
  const bot = await callTrpc<{ id: string }>(page, 'bot.create', { workspaceId, name: 'Quiet bot' }, 'mutation');
  await page.goto(`/w/${workspaceId}/bots/${bot.id}/analytics`);
  await expect(page.getByRole('heading', { name: 'No conversations yet' })).toBeVisible();
  await expect(page.getByText('No conversations in this period. Publish your bot and put it on your website, or run `npm run seed:traffic`.')).toBeVisible();

  // A test chat conversation in the editor: not counted by default, counted with "Test chat" ticked.
  await saveDraft(page, { workspaceId, botId: bot.id }, analyticsBot);
  await page.goto(`/w/${workspaceId}/bots/${bot.id}`);
  await page.getByRole('button', { name: 'Test bot' }).click();
  const log = page.getByRole('complementary', { name: 'Test chat' }).getByRole('log', { name: 'Test conversation' });
  await expect(log).toContainText('Hi! Ask me about your order, or ask for a person.');
  await page.goto(`/w/${workspaceId}/bots/${bot.id}/analytics`);
  await expect(page.getByRole('heading', { name: 'No conversations yet' })).toBeVisible();
  await page.getByRole('checkbox', { name: 'Test chat' }).click();
  await expect(page.getByRole('checkbox', { name: 'Test chat' })).toBeChecked();
  await expect(page).toHaveURL(/channels=widget%2Capi%2Ctest|channels=widget,api,test/);
  await expect(page.getByRole('list', { name: 'Key figures' }).getByRole('listitem', { name: 'Conversations', exact: true }).getByText('1', { exact: true })).toBeVisible();
});

test('a visitor chats in the widget on a website; the dashboard counts and the canvas overlay change', async ({ browser, page, baseURL }) => {
  const site = await startHostSite();
  try {
    await signUpToWorkspace(page, newAccount('Wes Widget'));
    const workspaceId = workspaceIdOf(page);
    const bot = await seedPublishedBot(page, { appUrl: baseURL!, workspaceId, name: 'Shop bot', graph: analyticsBot, allowedOrigins: [site.origin] });

    // Before: nothing to count.
    await page.goto(`/w/${workspaceId}/bots/${bot.botId}/analytics`);
    await expect(page.getByText(/^No conversations in this period\./)).toBeVisible();

    // A visitor on the shop's website asks about an order in the widget.
    const { context, widget } = await openWidgetOnHostPage(browser, { appUrl: baseURL!, site, publicId: bot.publicId });
    await expect(widget.log).toContainText('Hi! Ask me about your order');
    await widget.input.fill('where is my order');
    await widget.input.press('Enter');
    await expect(widget.log).toContainText('Your order is on its way.');
    await context.close();

    // After: one widget conversation, resolved, contained.
    await page.reload();
    const figures = page.getByRole('list', { name: 'Key figures' });
    await expect(figures.getByRole('listitem', { name: 'Conversations', exact: true }).getByText('1', { exact: true })).toBeVisible();
    await expect(figures.getByRole('listitem', { name: 'Containment', exact: true }).getByText('100%', { exact: true })).toBeVisible();
    await expect(page.getByRole('list', { name: 'Outcomes' }).getByRole('listitem', { name: 'Resolved' }).getByText('1', { exact: true })).toBeVisible();

    // And on the canvas: the path it took.
    await page.goto(`/w/${workspaceId}/bots/${bot.botId}`);
    await page.getByRole('button', { name: 'Analytics', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'v1: 1 conversation' })).toBeVisible();
    const canvas = page.getByRole('region', { name: 'Canvas' });
    await expect(canvas.getByRole('group', { name: '1 conversation took the intent:track_order branch of menu to done' }).or(canvas.getByRole('group', { name: '1 conversations took the intent:track_order branch of menu to done' }))).toBeVisible();
    await expect(canvas.getByRole('group', { name: /^0 conversations took the fallback branch of menu to sorry$/ })).toBeAttached();

    // A new version goes live: its own traffic is empty, version 1's stays there to look at.
    await callTrpc(page, 'bot.publish', { workspaceId, botId: bot.botId }, 'mutation');
    await page.reload();
    await page.getByRole('button', { name: 'Analytics', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'v2: 0 conversations' })).toBeVisible();
    await page.getByRole('combobox', { name: 'Published version' }).click();
    await page.getByRole('option', { name: 'Version 1' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'v1: 1 conversation' })).toBeVisible();
  } finally {
    await site.close();
  }
});
