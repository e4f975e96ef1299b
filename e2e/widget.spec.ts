import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { startFakeOpenAiServer, type FakeOpenAiServer } from '../server/test/fake-openai-server';
import { createBot, newAccount, signUpToWorkspace } from './helpers';
import { callTrpc, editorIds, saveDraft } from './seed-through-api';

const widgetBot = JSON.parse(readFileSync(new URL('./fixtures/widget-bot.json', import.meta.url), 'utf8')) as Record<string, unknown> & { nodes: { id: string; data: Record<string, unknown> }[] };

// What the model and the order API answer: markup and script links, which must stay text.
const STORY = 'Once upon a time <img src=x onerror="window.__xss=\'model\'"> a [trap](javascript:window.__xss=1) met a **brave** fox. The end of the story.';
const TOOL_STATUS = '<img src=x onerror="window.__xss=\'tool\'"> [x](javascript:window.__xss=2) shipped';
const VISITOR_TEXT = '<script>window.__xss="visitor"</script><b>42</b>';

/**
 * A tiny website on another origin (127.0.0.2, another port than the app's), the way a customer
 * embeds the widget: one script tag. It also answers the bot's order look-ups.
 */
async function startHostSite(appUrl: string): Promise<{ origin: string; close(): Promise<void> }> {
  // The socket.io client ignores the browser's offline events for `localhost` only: use the
  // app's 127.0.0.1 address, as a real site uses a real host name.
  const scriptOrigin = appUrl.replace('//localhost:', '//127.0.0.1:');
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://host');
    if (url.pathname.startsWith('/orders/')) {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ status: TOOL_STATUS }));
      return;
    }
    const bot = (url.searchParams.get('bot') ?? '').replace(/[^A-Za-z0-9_-]/g, '');
    const mode = url.searchParams.get('mode');
    const inline = mode === 'inline';
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Host shop</title></head>
<body><main><h1>Host shop</h1><p>A page on another website.</p>${inline ? '<div id="chat" style="height:520px"></div>' : ''}</main>
<script src="${scriptOrigin}/widget.js" data-bot="${bot}"${inline ? ' data-mode="inline" data-container="#chat"' : mode === 'popup' ? ' data-mode="popup"' : ''} async></script></body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.2', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.2:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Signs up, creates the fixture bot pointing at the local model and order API, allows `origins`, publishes. */
async function publishWidgetBot(page: Page, llm: FakeOpenAiServer, apiOrigin: string, origins: string[]) {
  await signUpToWorkspace(page, newAccount('Wanda Widget'));
  await createBot(page, 'Widget bot');
  await page.getByRole('link', { name: 'Open Widget bot in the editor' }).click();
  await expect(page.getByRole('heading', { name: 'Widget bot', level: 1 })).toBeVisible();
  const ids = editorIds(page);
  await callTrpc(page, 'secret.set', { workspaceId: ids.workspaceId, name: 'FAKE_LLM_KEY', value: 'sk-e2e-not-a-real-key' }, 'mutation');
  const graph = {
    ...widgetBot,
    nodes: widgetBot.nodes.map((node) => (node.id === 'lookup' ? { ...node, data: { ...node.data, url: `${apiOrigin}/orders/{{orderNumber}}` } } : node)),
    settings: { llm: { baseUrl: llm.baseUrl, apiKeySecret: 'FAKE_LLM_KEY' } },
  };
  await saveDraft(page, ids, graph);
  // The settings page: allowed websites and the look, saved through the form.
  await page.getByRole('link', { name: 'Install on your website' }).click();
  await expect(page.getByRole('heading', { name: 'Install Widget bot on your website' })).toBeVisible();
  for (const origin of origins) {
    await page.getByLabel('Website origin').fill(origin);
    await page.getByRole('button', { name: 'Add website' }).click();
  }
  await page.getByLabel('Title').fill('Acme help');
  await page.getByLabel('Greeting').fill('We usually answer <i>at once</i>.');
  await page.getByRole('button', { name: 'Save widget settings' }).click();
  await expect(page.getByText('Widget settings saved.')).toBeVisible();
  await callTrpc(page, 'bot.publish', ids, 'mutation');
  const { publicId } = await callTrpc<{ publicId: string }>(page, 'bot.get', ids, 'query');
  await page.reload();
  await expect(page.getByLabel('Embed code')).toContainText(`data-bot="${publicId}"`);
  return { ids, publicId };
}

function widget(page: Page, title = 'Acme help') {
  const log = page.getByRole('log', { name: 'Conversation' });
  return {
    launcher: page.getByRole('button', { name: `Open ${title}` }),
    panel: page.getByRole('dialog', { name: title }),
    log,
    input: page.getByRole('textbox', { name: 'Message' }),
    send: page.getByRole('button', { name: 'Send message' }),
  };
}

/** Nothing a payload could have done happened: no script ran, no element or link was injected. */
async function expectNoInjection(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
  const log = page.getByRole('log', { name: 'Conversation' });
  await expect(log.locator('img, script, b, i, iframe')).toHaveCount(0);
  await expect(log.locator('a[href^="javascript"]')).toHaveCount(0);
}

test('a visitor on another website talks to the published bot: greeting, quick reply, streamed reply, reload, tool answer, rating', async ({ page, context, baseURL }) => {
  const llm = await startFakeOpenAiServer({ host: '127.0.0.2' });
  const site = await startHostSite(baseURL!);
  try {
    const { ids, publicId } = await publishWidgetBot(page, llm, site.origin, [site.origin]);
    // Slow chunks keep the reply visibly streaming.
    llm.enqueue({ kind: 'text', text: STORY, chunks: 8, firstTokenDelayMs: 200, chunkDelayMs: 400 });

    const visitor = await context.newPage();
    await visitor.goto(`${site.origin}/?bot=${publicId}`);
    const w = widget(visitor);
    await w.launcher.click();
    await expect(w.panel).toBeVisible();
    await expect(w.input).toBeFocused();
    // The designer's greeting and the bot's first message, with its safe markdown.
    await expect(w.panel).toContainText('We usually answer <i>at once</i>.');
    await expect(w.log).toContainText('Hello! I am the Acme helper.');
    await expect(w.log.locator('strong')).toHaveText('Acme');
    const faq = w.log.getByRole('link', { name: 'our FAQ' });
    await expect(faq).toHaveAttribute('href', 'https://example.com/faq');
    await expect(faq).toHaveAttribute('rel', /noopener/);
    await expect(w.log.locator('time').first()).toHaveAttribute('datetime', /^\d{4}-\d\d-\d\dT/);

    // A quick reply; the model's answer streams in before it is complete.
    await w.log.getByRole('button', { name: 'Tell me a story' }).click();
    await expect(w.log).toContainText('Once upon a time');
    await expect(w.log).not.toContainText('The end of the story.');
    await expect(w.log).toContainText('The end of the story.');
    await expect(w.log).toContainText('What is your order number?');
    await expect(w.log).toContainText('<img src=x onerror="window.__xss=\'model\'">');
    await expect(w.log).toContainText('[trap](javascript:window.__xss=1)');
    await expectNoInjection(visitor);

    // A reload keeps the conversation.
    await visitor.reload();
    await w.launcher.click();
    await expect(w.log).toContainText('The end of the story.');
    await expect(w.log).toContainText('What is your order number?');
    await expect(w.log.getByText('Hello! I am the Acme helper.', { exact: false })).toHaveCount(1);

    // The visitor's markup and the tool's answer are text too.
    await w.input.fill(VISITOR_TEXT);
    await w.input.press('Enter');
    await expect(w.log).toContainText(`Order ${VISITOR_TEXT}: ${TOOL_STATUS}`);
    await expect(w.log).toContainText('Thanks for chatting!');
    await expectNoInjection(visitor);

    // The end: the input closes and the visitor rates the conversation.
    await expect(w.input).toBeDisabled();
    const rating = visitor.getByRole('group', { name: 'How was this conversation?' });
    const axe = await new AxeBuilder({ page: visitor }).include('[data-flowboard-widget]').analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
    await rating.getByRole('button', { name: 'Good' }).click();
    await expect(visitor.getByText('Thank you for your feedback!')).toBeVisible();
    const conversations = await callTrpc<{ channel: string; rating: number | null }[]>(page, 'conversation.list', { workspaceId: ids.workspaceId, botId: ids.botId }, 'query');
    expect(conversations).toEqual([expect.objectContaining({ channel: 'widget', rating: 5 })]);
  } finally {
    await site.close();
    await llm.close();
  }
});

test('a website the bot does not allow gets a clear refusal', async ({ page, context, baseURL }) => {
  const llm = await startFakeOpenAiServer({ host: '127.0.0.2' });
  const allowed = await startHostSite(baseURL!);
  const other = await startHostSite(baseURL!);
  try {
    const { publicId } = await publishWidgetBot(page, llm, allowed.origin, [allowed.origin]);
    const visitor = await context.newPage();
    await visitor.goto(`${other.origin}/?bot=${publicId}`);
    // Refused before the bot's look is sent: the default title.
    const w = widget(visitor, 'Chat with us');
    await w.launcher.click();
    await expect(w.panel.getByRole('alert')).toHaveText(/This website is not allowed to use this bot/);
    await expect(w.input).toBeDisabled();
    await expect(w.log.locator('.msg')).toHaveCount(0);
  } finally {
    await other.close();
    await allowed.close();
    await llm.close();
  }
});

test('the demo page: the seeded demo bot works by keyboard, has no serious accessibility violations, and fits a 360 px phone', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('/demo');
  const launcher = page.getByRole('button', { name: 'Open Chat with us' });
  await launcher.focus();
  await page.keyboard.press('Enter');
  const panel = page.getByRole('dialog', { name: 'Chat with us' });
  const log = panel.getByRole('log', { name: 'Conversation' });
  const input = panel.getByRole('textbox', { name: 'Message' });
  await expect(input).toBeFocused();
  await expect(log).toContainText('Hi! I am the Flowboard demo assistant.');

  // The panel fills the phone's screen, nothing sticks out sideways.
  const box = (await panel.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(360);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await expect(input).toBeInViewport();

  // Keyboard only: Tab to a quick reply, answer by typing.
  await log.getByRole('button', { name: 'Opening hours' }).focus();
  await page.keyboard.press('Enter');
  await expect(log).toContainText('We are open Monday to Friday');
  await input.fill('Where is my order?');
  await page.keyboard.press('Enter');
  await expect(log).toContainText('What is your order number?');

  const results = await new AxeBuilder({ page }).include('[data-flowboard-widget]').analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  // Escape closes the chat and gives focus back to the launcher.
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(launcher).toBeFocused();
});

test('inline in a container, driven by the page: window.Flowboard, events, a look changed without republishing, and messages typed offline sent on reconnect', async ({ page, context, baseURL }) => {
  const llm = await startFakeOpenAiServer({ host: '127.0.0.2' });
  const site = await startHostSite(baseURL!);
  try {
    const { ids, publicId } = await publishWidgetBot(page, llm, site.origin, [site.origin]);
    // A new look after publishing reaches the website at its next load.
    const settings = await callTrpc<{ allowedOrigins: string[]; theme: Record<string, unknown> }>(page, 'bot.getWidgetSettings', ids, 'query');
    await callTrpc(page, 'bot.updateWidgetSettings', { ...ids, allowedOrigins: settings.allowedOrigins, theme: { ...settings.theme, title: 'Acme support' } }, 'mutation');

    const visitor = await context.newPage();
    await visitor.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __seen: string[] }).__seen = seen;
      window.addEventListener('flowboard:ready', () => {
        const api = (window as unknown as { Flowboard: { on(event: string, fn: (detail?: { text?: string }) => void): void } }).Flowboard;
        api.on('message', (message) => seen.push(`message:${message?.text ?? ''}`));
        api.on('open', () => seen.push('open'));
      });
    });
    await visitor.goto(`${site.origin}/?bot=${publicId}&mode=inline`);
    // Inline: always open in its container, no bubble, no close button.
    const region = visitor.getByRole('region', { name: 'Acme support' });
    await expect(region).toBeVisible();
    await expect(visitor.getByRole('button', { name: 'Open Acme support' })).toBeHidden();
    await expect(region.getByRole('button', { name: 'Close chat' })).toHaveCount(0);
    const log = region.getByRole('log', { name: 'Conversation' });
    await expect(log).toContainText('Hello! I am the Acme helper.');

    await visitor.evaluate(() => (window as unknown as { Flowboard: { sendMessage(text: string): void } }).Flowboard.sendMessage('check my order'));
    await expect(log).toContainText('What is your order number?');
    await expect.poll(() => visitor.evaluate(() => (window as unknown as { __seen: string[] }).__seen)).toEqual(
      expect.arrayContaining(['message:check my order', 'message:What is your order number?']),
    );

    // Offline: the message waits in the outbox, then goes once when the connection is back.
    await context.setOffline(true);
    await expect(region.getByRole('status')).toContainText('Reconnecting');
    await region.getByRole('textbox', { name: 'Message' }).fill('A-1001');
    await region.getByRole('textbox', { name: 'Message' }).press('Enter');
    await expect(log).toContainText('Waiting for connection');
    await context.setOffline(false);
    await expect(log).toContainText('Thanks for chatting!');
    await expect(log.getByText('A-1001', { exact: true })).toHaveCount(1);
    await expect(log).not.toContainText('Waiting for connection');
  } finally {
    await site.close();
    await llm.close();
  }
});

test('popup mode: no bubble, opened by the page as a modal dialog that keeps focus inside and closes with Escape', async ({ page, context, baseURL }) => {
  const llm = await startFakeOpenAiServer({ host: '127.0.0.2' });
  const site = await startHostSite(baseURL!);
  try {
    const { publicId } = await publishWidgetBot(page, llm, site.origin, [site.origin]);
    const visitor = await context.newPage();
    await visitor.goto(`${site.origin}/?bot=${publicId}&mode=popup`);
    await visitor.waitForFunction(() => 'Flowboard' in window);
    await expect(visitor.getByRole('button', { name: /^Open / })).toBeHidden();
    await visitor.evaluate(() => {
      const api = (window as unknown as { Flowboard: { open(): void; on(event: string, fn: () => void): void } }).Flowboard;
      api.on('close', () => ((window as unknown as { __closed: boolean }).__closed = true));
      api.open();
    });
    const dialog = visitor.getByRole('dialog', { name: 'Acme help' });
    await expect(dialog).toHaveAttribute('aria-modal', 'true');
    await expect(dialog.getByRole('log', { name: 'Conversation' })).toContainText('Hello! I am the Acme helper.');
    const input = dialog.getByRole('textbox', { name: 'Message' });
    await expect(input).toBeFocused();
    // Tab from the last control wraps to the first one inside the dialog.
    await dialog.getByRole('button', { name: 'Send message' }).focus();
    await visitor.keyboard.press('Tab');
    await expect(dialog.getByRole('button', { name: 'Close chat' })).toBeFocused();
    await visitor.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    expect(await visitor.evaluate(() => (window as unknown as { __closed?: boolean }).__closed)).toBe(true);
  } finally {
    await site.close();
    await llm.close();
  }
});
