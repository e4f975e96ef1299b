import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { fillSignUpForm, newAccount, type TestAccount } from './helpers';
import { callTrpc, saveDraft } from './seed-through-api';

/**
 * The steps of a handoff round trip (a visitor in the widget on a customer's website, an agent in
 * the inbox), each taking the app server it talks to as `appUrl`: a scale-out spec runs the same
 * steps with the widget on one server and the inbox on another.
 */

export interface HostSite {
  /** `http://127.0.0.2:<port>`: the origin to allow in the bot's widget settings. */
  origin: string;
  close(): Promise<void>;
}

/**
 * A tiny website on another origin than the app (127.0.0.2), the way a customer embeds the
 * widget: `/?bot=<public id>&app=<app origin>` is a page with the one script tag. Other paths
 * answer `api[path]` as JSON (an HTTP tool's API; the e2e server allows 127.0.0.2 outbound).
 */
export async function startHostSite(api: Record<string, unknown> = {}): Promise<HostSite> {
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://host');
    if (url.pathname in api) {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(api[url.pathname]));
      return;
    }
    const bot = (url.searchParams.get('bot') ?? '').replace(/[^A-Za-z0-9_-]/g, '');
    const app = new URL(url.searchParams.get('app') ?? 'http://127.0.0.1').origin;
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host shop</title></head>
<body><main><h1>Host shop</h1><p>A page on another website.</p></main>
<script src="${app}/widget.js" data-bot="${bot}" async></script></body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.2', resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.2:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/**
 * Creates a bot from `graph` in the workspace of the signed-in `owner`, stores `secrets`, allows
 * the widget on `allowedOrigins` and publishes it. Returns its ids and the public id the widget uses.
 */
export async function seedPublishedBot(
  owner: Page,
  options: { appUrl: string; workspaceId: string; name: string; graph: unknown; allowedOrigins: string[]; secrets?: Record<string, string> },
): Promise<{ workspaceId: string; botId: string; publicId: string }> {
  const { appUrl, workspaceId } = options;
  const bot = await callTrpc<{ id: string; publicId: string }>(owner, 'bot.create', { workspaceId, name: options.name }, 'mutation', appUrl);
  const ids = { workspaceId, botId: bot.id };
  for (const [name, value] of Object.entries(options.secrets ?? {})) await callTrpc(owner, 'secret.set', { workspaceId, name, value }, 'mutation', appUrl);
  await saveDraft(owner, ids, options.graph, appUrl);
  const settings = await callTrpc<{ theme: Record<string, unknown> }>(owner, 'bot.getWidgetSettings', ids, 'query', appUrl);
  await callTrpc(owner, 'bot.updateWidgetSettings', { ...ids, allowedOrigins: options.allowedOrigins, theme: settings.theme }, 'mutation', appUrl);
  await callTrpc(owner, 'bot.publish', ids, 'mutation', appUrl);
  return { ...ids, publicId: bot.publicId };
}

/**
 * Invites a new member with the AGENT role into the owner's workspace; they sign up through the
 * invitation in a browser context of their own (on `appUrl`) and land in the workspace.
 */
export async function inviteAgent(
  owner: Page,
  browser: Browser,
  options: { appUrl: string; workspaceId: string; name: string },
): Promise<{ context: BrowserContext; agent: Page; account: TestAccount }> {
  const invite = await callTrpc<{ token: string }>(owner, 'member.invite', { workspaceId: options.workspaceId, role: 'AGENT' }, 'mutation', options.appUrl);
  const context = await browser.newContext({ baseURL: options.appUrl });
  const agent = await context.newPage();
  const account = newAccount(options.name);
  await agent.goto(`/invite/${invite.token}`);
  await agent.getByRole('link', { name: 'Create an account' }).click();
  await agent.waitForURL(/\/sign-up\?next=/);
  await fillSignUpForm(agent, account);
  await agent.getByRole('button', { name: /^Join/ }).click();
  await expect(agent.getByRole('link', { name: /^Inbox/ })).toBeVisible();
  return { context, agent, account };
}

/** Opens the inbox page of the workspace (on the agent's app server). */
export async function openInbox(agent: Page, workspaceId: string) {
  await agent.goto(`/w/${workspaceId}/inbox`);
  await expect(agent.getByRole('heading', { name: /^Inbox/, level: 1 })).toBeVisible();
}

/**
 * Opens the queued conversation of `botName` from the live queue and claims it. Returns the
 * transcript.
 */
export async function claimInInbox(agent: Page, botName: string) {
  const waiting = agent.getByRole('list', { name: 'Waiting' });
  await waiting.getByRole('button', { name: new RegExp(botName) }).click();
  await agent.getByRole('button', { name: 'Claim' }).click();
  await expect(agent.getByRole('status').filter({ hasText: 'You are answering' })).toBeVisible();
  return agent.getByRole('list', { name: 'Transcript' });
}

/**
 * A visitor in a browser context of their own opens `site`'s page with the widget of `publicId`
 * loaded from `appUrl`, and opens the chat. Each `handoff` event of the widget's page API is
 * counted in `window.__handoffs`.
 */
export async function openWidgetOnHostPage(
  browser: Browser,
  options: { appUrl: string; site: HostSite; publicId: string; title?: string },
): Promise<{ context: BrowserContext; visitor: Page; widget: WidgetLocators }> {
  // The socket.io client ignores the browser's offline events for `localhost` only: load the
  // widget from the app's 127.0.0.1 address, as a real site uses a real host name.
  const widgetOrigin = new URL(options.appUrl).origin.replace('//localhost:', '//127.0.0.1:');
  const context = await browser.newContext();
  const visitor = await context.newPage();
  await visitor.addInitScript(() => {
    const win = window as unknown as { __handoffs: number; Flowboard: { on(event: string, fn: () => void): void } };
    win.__handoffs = 0;
    window.addEventListener('flowboard:ready', () => win.Flowboard.on('handoff', () => (win.__handoffs += 1)));
  });
  await visitor.goto(`${options.site.origin}/?bot=${options.publicId}&app=${encodeURIComponent(widgetOrigin)}`);
  const widget = widgetOn(visitor, options.title);
  await widget.launcher.click();
  await expect(widget.panel).toBeVisible();
  return { context, visitor, widget };
}

export type WidgetLocators = ReturnType<typeof widgetOn>;

/** The widget's parts, by role and name. */
export function widgetOn(page: Page, title = 'Chat with us') {
  const panel = page.getByRole('dialog', { name: title });
  return {
    launcher: page.getByRole('button', { name: `Open ${title}` }),
    panel,
    log: panel.getByRole('log', { name: 'Conversation' }),
    input: panel.getByRole('textbox', { name: 'Message' }),
  };
}

/** Nothing a payload could do happened on `page`: no script ran, no element with a handler or script link exists (shadow roots included). */
export async function expectNoInjection(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
  await expect(page.locator('img[onerror], img[src="x"], iframe, a[href^="javascript"]')).toHaveCount(0);
  await expect(page.locator('[role="log"] script, [role="log"] b, ol[aria-label="Transcript"] script')).toHaveCount(0);
}
