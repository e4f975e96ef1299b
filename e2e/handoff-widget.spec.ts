import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { startFakeOpenAiServer } from '../server/test/fake-openai-server';
import { claimInInbox, expectNoInjection, inviteAgent, openInbox, openWidgetOnHostPage, seedPublishedBot, startHostSite, widgetOn } from './handoff-helpers';
import { newAccount, signUpToWorkspace } from './helpers';

const handoffWidgetBot = JSON.parse(readFileSync(new URL('./fixtures/handoff-widget-bot.json', import.meta.url), 'utf8')) as {
  nodes: { id: string; data: Record<string, unknown> }[];
  settings: Record<string, unknown>;
};

// Markup from each source that could reach both screens: the visitor, an HTTP tool, the model, the agent.
const VISITOR_XSS = `<img src=x onerror="window.__xss='visitor'"><script>window.__xss='visitor'</script> I need a person`;
const TOOL_XSS = `<img src=x onerror="window.__xss='tool'"> [x](javascript:window.__xss='tool') locked`;
const MODEL_XSS = `A person will help. <img src=x onerror="window.__xss='model'"><script>window.__xss='model'</script>`;
// Agents' text is plain: no markdown, no markup.
const AGENT_TEXT = `Hello, I am **Ada**. <img src=x onerror="window.__xss='agent'">`;

test('a visitor on another website is handed off in the widget; an agent claims it live, they chat and type both ways, a reload keeps it, the bot takes over again; markup stays text everywhere', async ({ browser, page, baseURL }) => {
  // One server here; a scale-out spec passes two (the widget on one, the inbox on the other).
  const widgetApp = baseURL!;
  const inboxApp = baseURL!;
  const llm = await startFakeOpenAiServer({ host: '127.0.0.2', handler: () => ({ kind: 'text', text: MODEL_XSS }) });
  const site = await startHostSite({ '/api/account': { status: TOOL_XSS } });
  try {
    await signUpToWorkspace(page, newAccount('Olivia Owner'));
    const workspaceId = /\/w\/([^/]+)/.exec(new URL(page.url()).pathname)![1]!;
    const graph = {
      ...handoffWidgetBot,
      nodes: handoffWidgetBot.nodes.map((node) => (node.id === 'lookup' ? { ...node, data: { ...node.data, url: `${site.origin}/api/account` } } : node)),
      settings: { llm: { baseUrl: llm.baseUrl, apiKeySecret: 'FAKE_LLM_KEY' } },
    };
    const bot = await seedPublishedBot(page, {
      appUrl: widgetApp,
      workspaceId,
      name: 'Support bot',
      graph,
      allowedOrigins: [site.origin],
      secrets: { FAKE_LLM_KEY: 'sk-e2e-not-a-real-key' },
    });
    const { context: agentContext, agent } = await inviteAgent(page, browser, { appUrl: inboxApp, workspaceId, name: 'Ada Agent' });
    await openInbox(agent, workspaceId);
    await expect(agent.getByRole('heading', { name: 'No one is waiting' })).toBeVisible();

    // The visitor asks; the tool's and the model's answers come back with markup in them.
    const { context: visitorContext, visitor, widget: w } = await openWidgetOnHostPage(browser, { appUrl: widgetApp, site, publicId: bot.publicId });
    await expect(w.log).toContainText('What do you need?');
    await w.input.fill(VISITOR_XSS);
    await w.input.press('Enter');
    await expect(w.log).toContainText(`Account status: ${TOOL_XSS}`);
    await expect(w.log).toContainText(MODEL_XSS);
    await expect(w.log).toContainText('Connecting you with a person.');
    const waitingLine = w.panel.getByText('A person will join this conversation soon. You can keep writing here.');
    await expect(waitingLine).toBeVisible();
    await expect(waitingLine).toHaveAttribute('aria-live', 'polite');
    await expect.poll(() => visitor.evaluate(() => (window as unknown as { __handoffs: number }).__handoffs)).toBe(1);
    await expect(w.input).toHaveAttribute('placeholder', 'A person will answer here…');
    await expectNoInjection(visitor);

    // The agent sees it arrive without a reload, with every message as text, and claims it.
    await expect(agent.getByRole('link', { name: 'Inbox 1 waiting' })).toBeVisible();
    const transcript = await claimInInbox(agent, 'Support bot');
    await expect(transcript).toContainText(VISITOR_XSS);
    await expect(transcript).toContainText(`Account status: ${TOOL_XSS}`);
    await expect(transcript).toContainText(MODEL_XSS);
    await expectNoInjection(agent);

    // The visitor learns who joined.
    await expect(w.log.getByText('Ada Agent joined the conversation')).toBeVisible();
    await expect(w.panel.getByText('You are chatting with Ada Agent.')).toBeVisible();

    // The agent types, then writes: shown with their name, as plain text.
    await agent.getByRole('textbox', { name: 'Reply' }).pressSequentially('Hello');
    await expect(w.log.getByText('Ada Agent is typing…')).toBeVisible();
    await agent.getByRole('textbox', { name: 'Reply' }).fill(AGENT_TEXT);
    await agent.getByRole('button', { name: 'Send' }).click();
    const agentMessage = w.log.locator('.msg.agent').filter({ hasText: AGENT_TEXT });
    await expect(agentMessage).toBeVisible();
    await expect(agentMessage.getByText('Ada Agent', { exact: true })).toBeVisible();
    await expect(agentMessage.locator('strong')).toHaveCount(0);
    await expect(w.log.getByText('Ada Agent is typing…')).toHaveCount(0);
    // The agent's name, the system line and the handoff line keep the widget accessible.
    const axe = await new AxeBuilder({ page: visitor }).include('[data-flowboard-widget]').analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

    // The visitor types, then answers; no bot answers it.
    await w.input.pressSequentially('My order');
    await expect(agent.getByText('Visitor is typing…')).toBeVisible();
    await w.input.fill('My order 4711 never came');
    await w.input.press('Enter');
    await expect(transcript).toContainText('My order 4711 never came');
    await expect(w.log.locator('.msg').last()).toContainText('My order 4711 never came');
    await expect(w.log.getByText('The bot is typing')).toHaveCount(0);
    await expectNoInjection(visitor);
    await expectNoInjection(agent);

    // A reload in the middle of the handoff keeps the whole conversation, agent included.
    await visitor.reload();
    const again = widgetOn(visitor);
    await again.launcher.click();
    await expect(again.log).toContainText('My order 4711 never came');
    await expect(again.log.locator('.msg.agent').filter({ hasText: AGENT_TEXT }).getByText('Ada Agent', { exact: true })).toBeVisible();
    await expect(again.log.getByText('Ada Agent joined the conversation')).toBeVisible();
    await expect(again.panel.getByText('You are chatting with Ada Agent.')).toBeVisible();
    await expect(again.log.getByText(VISITOR_XSS, { exact: true })).toHaveCount(1);
    await expectNoInjection(visitor);

    // Back to the bot: it continues on the handoff node's resolved branch.
    await agent.getByRole('button', { name: 'Return to bot' }).click();
    await expect(again.log.getByText('Ada Agent returned the conversation to the bot')).toBeVisible();
    await expect(again.log).toContainText('The bot is back. Anything else?');
    await expect(again.panel.getByText('You are back with the bot.')).toBeVisible();
    await expect(transcript).toContainText('The bot is back. Anything else?');
    await expect(again.input).toHaveAttribute('placeholder', 'Type a message…');
    await again.input.fill('No, thanks');
    await again.input.press('Enter');
    await expect(again.log).toContainText('Bye!');
    await expectNoInjection(visitor);
    await expectNoInjection(agent);

    await visitorContext.close();
    await agentContext.close();
  } finally {
    await site.close();
    await llm.close();
  }
});
