import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { fillSignUpForm, newAccount, signUpToWorkspace } from './helpers';
import { callTrpc, saveDraft } from './seed-through-api';

const handoffBot = JSON.parse(readFileSync(new URL('./fixtures/handoff-bot.json', import.meta.url), 'utf8')) as unknown;
const visitorHtml = readFileSync(new URL('./fixtures/visitor-chat.html', import.meta.url), 'utf8');
// socket.io-client's browser bundle (not in its package exports, so by path).
const socketIoBundle = fileURLToPath(new URL('../node_modules/socket.io-client/dist/socket.io.min.js', import.meta.url));

/** Text a visitor may type to break an inbox that renders HTML. */
const XSS = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script> I need help';

test('a visitor is handed off; an agent sees it live, claims it, they chat, the agent notes and returns it to the bot', async ({ browser, page }) => {
  // The owner seeds a published bot with a handoff node and invites an agent.
  await signUpToWorkspace(page, newAccount('Olivia Owner'));
  const workspaceId = /\/w\/([^/]+)/.exec(new URL(page.url()).pathname)![1]!;
  const bot = await callTrpc<{ id: string; publicId: string }>(page, 'bot.create', { workspaceId, name: 'Support bot' }, 'mutation');
  await saveDraft(page, { workspaceId, botId: bot.id }, handoffBot);
  await callTrpc(page, 'bot.publish', { workspaceId, botId: bot.id }, 'mutation');
  const invite = await callTrpc<{ token: string }>(page, 'member.invite', { workspaceId, role: 'AGENT' }, 'mutation');

  const agentContext = await browser.newContext();
  const agent = await agentContext.newPage();
  await agent.goto(`/invite/${invite.token}`);
  await agent.getByRole('link', { name: 'Create an account' }).click();
  await agent.waitForURL(/\/sign-up\?next=/);
  await fillSignUpForm(agent, newAccount('Ada Agent'));
  await agent.getByRole('button', { name: /^Join/ }).click();
  await expect(agent.getByRole('button', { name: /Workspace: Olivia's workspace/ })).toBeVisible();
  await agent.getByRole('link', { name: /^Inbox/ }).click();
  await expect(agent.getByRole('heading', { name: 'No one is waiting' })).toBeVisible();

  // The visitor, on a page of the app's origin, asks for help (with markup in it).
  const { context: visitorContext, visitor } = await openVisitor(browser, bot.publicId);
  await expect(visitor.getByRole('list', { name: 'Visitor messages' })).toContainText('What do you need?');
  await visitor.getByLabel('Your message').fill(XSS);
  await visitor.getByRole('button', { name: 'Send' }).click();
  await expect(visitor.getByRole('list', { name: 'Visitor messages' })).toContainText('Connecting you with a person.');

  // Live: the queue and the badge update without a reload.
  await expect(agent.getByRole('link', { name: 'Inbox 1 waiting' })).toBeVisible();
  const waiting = agent.getByRole('list', { name: 'Waiting' });
  await expect(waiting.getByRole('button', { name: /Support bot/ })).toContainText('waiting just now');
  await waiting.getByRole('button', { name: /Support bot/ }).click();
  const transcript = agent.getByRole('list', { name: 'Transcript' });
  await expect(transcript).toContainText(XSS);
  await expect(transcript.locator('img, script')).toHaveCount(0);
  await expect(agent.getByRole('complementary', { name: 'Details' })).toContainText('Reason: Asked for a person');
  expect(await agent.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();

  await agent.getByRole('button', { name: 'Claim' }).click();
  await expect(agent.getByRole('status').filter({ hasText: 'You are answering' })).toBeVisible();
  await expect(visitor.getByRole('list', { name: 'Visitor messages' })).toContainText('Ada Agent joined the conversation');
  await expect(agent.getByRole('link', { name: 'Inbox', exact: true })).toBeVisible();

  // Typing both ways, then messages both ways.
  await agent.getByRole('textbox', { name: 'Reply' }).pressSequentially('Hello');
  await expect(visitor.getByText('Ada Agent is typing…')).toBeVisible();
  await agent.getByRole('textbox', { name: 'Reply' }).fill('Hello, I am Ada. How can I help?');
  await agent.getByRole('button', { name: 'Send' }).click();
  await expect(visitor.getByRole('list', { name: 'Visitor messages' })).toContainText('Ada Agent: Hello, I am Ada. How can I help?');
  // Three in a row, each typed while the last may still be on its way: all arrive, in order (the
  // scale-out spec, where answers take longer, found messages wiped by a late clear of the box).
  for (const n of [1, 2, 3]) {
    await agent.getByRole('textbox', { name: 'Reply' }).fill(`Quick reply ${n}`);
    await agent.getByRole('textbox', { name: 'Reply' }).press('Enter');
  }
  await expect(visitor.getByRole('list', { name: 'Visitor messages' })).toContainText('Quick reply 3');
  expect([...(await visitor.getByRole('list', { name: 'Visitor messages' }).innerText()).matchAll(/Quick reply (\d)/g)].map((m) => m[1])).toEqual(['1', '2', '3']);
  await visitor.getByLabel('Your message').pressSequentially('My order');
  await expect(agent.getByText('Visitor is typing…')).toBeVisible();
  await visitor.getByLabel('Your message').fill('My order 4711 never came');
  await visitor.getByRole('button', { name: 'Send' }).click();
  await expect(transcript).toContainText('My order 4711 never came');
  // The bot did not answer it.
  await expect(visitor.getByRole('list', { name: 'Visitor messages' }).getByRole('listitem').last()).toHaveText('me: My order 4711 never came');

  // An internal note: agents see it, the visitor never does.
  await agent.getByLabel('New note').fill('VIP customer, refund approved');
  await agent.getByRole('button', { name: 'Add note' }).click();
  await expect(agent.getByRole('list', { name: 'Internal notes' })).toContainText('VIP customer, refund approved');

  // Back to the bot: the graph continues on the handoff node's resolved branch.
  await agent.getByRole('button', { name: 'Return to bot' }).click();
  await expect(visitor.getByRole('list', { name: 'Visitor messages' })).toContainText('Ada Agent returned the conversation to the bot');
  await expect(visitor.getByRole('list', { name: 'Visitor messages' })).toContainText('The bot is back. Anything else?');
  await expect(transcript).toContainText('The bot is back. Anything else?');
  await expect(agent.getByRole('status').filter({ hasText: 'Back with the bot' })).toBeVisible();
  await expect(visitor.locator('body')).not.toContainText('VIP customer');
  await expect(agent.getByRole('heading', { name: 'No one is waiting' })).toBeVisible();

  await visitorContext.close();
  await agentContext.close();
});

/** A page on the app's own origin with a minimal /chat client (the widget comes on another branch). */
async function openVisitor(browser: Browser, publicId: string): Promise<{ context: Awaited<ReturnType<Browser['newContext']>>; visitor: Page }> {
  const context = await browser.newContext();
  const visitor = await context.newPage();
  // Loaded from the app's server, then replaced: a page Playwright fulfils itself counts as public
  // to Chromium, whose local-network checks then block its socket to localhost.
  await visitor.goto('/api/health');
  await visitor.setContent(visitorHtml);
  await visitor.addScriptTag({ path: socketIoBundle });
  await visitor.evaluate((botId) => (window as unknown as { startVisitor(id: string): Promise<string> }).startVisitor(botId), publicId);
  return { context, visitor };
}
