import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { startAppProcess } from '../scripts/app-process';
import { claimInInbox, inviteAgent, openInbox, openWidgetOnHostPage, seedPublishedBot, startHostSite } from './handoff-helpers';
import { newAccount, signUpToWorkspace } from './helpers';

// Part of the suite only with DATABASE_URL (PostgreSQL) and REDIS_URL set (playwright.config.ts):
// two app processes can share neither an embedded database nor, without Redis, their rooms.
const handoffBot = JSON.parse(readFileSync(new URL('./fixtures/handoff-bot.json', import.meta.url), 'utf8')) as unknown;

/** A second app process on the next port: same database, same Redis, same keys. */
async function startSecondServer(port: number): Promise<{ url: string; stop(): Promise<void> }> {
  const app = await startAppProcess(['--import', 'tsx', 'server/index.ts'], {
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    APP_URL: `http://localhost:${port}`,
    DATA_DIR: process.env.E2E_DATA_DIR,
    SEED_DEMO: 'false',
    LOG_LEVEL: 'warn',
    SIGN_IN_RATE_LIMIT: '60',
    OUTBOUND_ALLOWLIST: '127.0.0.2',
    NEXT_TELEMETRY_DISABLED: '1',
  });
  return { url: `http://localhost:${port}`, stop: app.stop };
}

test('two app processes share PostgreSQL and Redis: a visitor on one and an agent on the other do a whole handoff, messages in order, none lost', async ({ page, browser, baseURL }) => {
  test.setTimeout(180_000);
  const appA = baseURL!;
  const serverB = await startSecondServer(Number(new URL(baseURL!).port) + 1);
  const site = await startHostSite();
  try {
    // The owner, on server A: a published bot with a handoff node, the host site allowed.
    await signUpToWorkspace(page, newAccount('Sam Scale'));
    const workspaceId = /\/w\/([^/]+)/.exec(new URL(page.url()).pathname)![1]!;
    const bot = await seedPublishedBot(page, { appUrl: appA, workspaceId, name: 'Scaled bot', graph: handoffBot, allowedOrigins: [site.origin] });

    // The agent signs up and works on server B.
    const { context: agentContext, agent } = await inviteAgent(page, browser, { appUrl: serverB.url, workspaceId, name: 'Bo Backend' });
    expect(new URL(agent.url()).origin).toBe(serverB.url);
    await openInbox(agent, workspaceId);
    await expect(agent.getByRole('heading', { name: 'No one is waiting' })).toBeVisible();

    // The visitor's widget talks to server A.
    const { context: visitorContext, widget } = await openWidgetOnHostPage(browser, { appUrl: appA, site, publicId: bot.publicId });
    const { log, input: visitorInput } = widget;
    await expect(log).toContainText('What do you need?');
    await visitorInput.fill('I need a person, please');
    await visitorInput.press('Enter');
    await expect(log).toContainText('Connecting you with a person.');

    // Queued on A, seen live on B.
    await expect(agent.getByRole('link', { name: 'Inbox 1 waiting' })).toBeVisible();
    const transcript = await claimInInbox(agent, 'Scaled bot');
    await expect(transcript).toContainText('I need a person, please');
    await expect(log).toContainText('Bo Backend joined the conversation');

    // Both ways, quickly, several in a row: every message arrives, in order.
    const reply = agent.getByRole('textbox', { name: 'Reply' });
    for (let i = 1; i <= 5; i++) {
      await reply.fill(`Agent message ${i}`);
      await reply.press('Enter');
    }
    await expect(log).toContainText('Agent message 5');
    for (let i = 1; i <= 5; i++) {
      await visitorInput.fill(`Visitor message ${i}`);
      await visitorInput.press('Enter');
    }
    await expect(transcript).toContainText('Visitor message 5');
    expect(order(await log.innerText(), 'Agent message')).toEqual([1, 2, 3, 4, 5]);
    expect(order(await transcript.innerText(), 'Visitor message')).toEqual([1, 2, 3, 4, 5]);
    expect(order(await log.innerText(), 'Visitor message')).toEqual([1, 2, 3, 4, 5]);

    // Back to the bot from server B: the bot's next message reaches the widget on server A.
    await agent.getByRole('button', { name: 'Return to bot' }).click();
    await expect(log).toContainText('The bot is back. Anything else?');
    await visitorInput.fill('No, thanks');
    await visitorInput.press('Enter');
    await expect(log).toContainText('Bye!');
    await visitorContext.close();
    await agentContext.close();
  } finally {
    await site.close();
    await serverB.stop();
  }
});

/** The numbers of `prefix N` lines in the order they appear, each once. */
function order(text: string, prefix: string): number[] {
  return [...text.matchAll(new RegExp(`${prefix} (\\d+)`, 'g'))].map((match) => Number(match[1]));
}
