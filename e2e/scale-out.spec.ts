import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { fillSignUpForm, newAccount, signUpToWorkspace } from './helpers';
import { callTrpc, saveDraft } from './seed-through-api';

// Part of the suite only with DATABASE_URL (PostgreSQL) and REDIS_URL set (playwright.config.ts):
// two app processes can share neither an embedded database nor, without Redis, their rooms.
const handoffBot = JSON.parse(readFileSync(new URL('./fixtures/handoff-bot.json', import.meta.url), 'utf8')) as unknown;

/** A second app process on the next port: same database, same Redis, same keys. */
async function startSecondServer(port: number): Promise<{ url: string; stop(): Promise<void> }> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    env: {
      ...process.env,
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
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      if (out.includes('Flowboard is running')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the second app process exited with ${code}`)));
  });
  return {
    url: `http://localhost:${port}`,
    stop: () =>
      new Promise((resolve) => {
        child.removeAllListeners('exit');
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** A customer's website on another origin with the widget's one script tag, loaded from `appUrl`. */
async function startHostSite(appUrl: string, publicId: string) {
  const server = http.createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host shop</title></head>
<body><main><h1>Host shop</h1></main><script src="${appUrl}/widget.js" data-bot="${publicId}" async></script></body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.2', resolve));
  return { origin: `http://127.0.0.2:${(server.address() as AddressInfo).port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

test('two app processes share PostgreSQL and Redis: a visitor on one and an agent on the other do a whole handoff, messages in order, none lost', async ({ page, browser, baseURL }) => {
  test.setTimeout(180_000);
  const appA = baseURL!.replace('//localhost:', '//127.0.0.1:');
  const serverB = await startSecondServer(Number(new URL(baseURL!).port) + 1);
  try {
    // The owner, on server A: a published bot with a handoff node, the host site allowed, an agent invited.
    await signUpToWorkspace(page, newAccount('Sam Scale'));
    const workspaceId = /\/w\/([^/]+)/.exec(new URL(page.url()).pathname)![1]!;
    const bot = await callTrpc<{ id: string; publicId: string }>(page, 'bot.create', { workspaceId, name: 'Scaled bot' }, 'mutation');
    const ids = { workspaceId, botId: bot.id };
    await saveDraft(page, ids, handoffBot);
    await callTrpc(page, 'bot.publish', ids, 'mutation');
    const site = await startHostSite(appA, bot.publicId);
    const settings = await callTrpc<{ theme: Record<string, unknown> }>(page, 'bot.getWidgetSettings', ids, 'query');
    await callTrpc(page, 'bot.updateWidgetSettings', { ...ids, allowedOrigins: [site.origin], theme: { ...settings.theme, title: 'Scale help' } }, 'mutation');
    const invite = await callTrpc<{ token: string }>(page, 'member.invite', { workspaceId, role: 'AGENT' }, 'mutation');

    // The agent works on server B.
    const agentContext = await browser.newContext();
    const agent = await agentContext.newPage();
    await agent.goto(`${serverB.url}/invite/${invite.token}`);
    await agent.getByRole('link', { name: 'Create an account' }).click();
    await agent.waitForURL(/\/sign-up\?next=/);
    await fillSignUpForm(agent, newAccount('Bo Backend'));
    await agent.getByRole('button', { name: /^Join/ }).click();
    await expect(agent.getByRole('button', { name: /Workspace: Sam's workspace/ })).toBeVisible();
    expect(new URL(agent.url()).origin).toBe(serverB.url);
    await agent.getByRole('link', { name: /^Inbox/ }).click();
    await expect(agent.getByRole('heading', { name: 'No one is waiting' })).toBeVisible();

    // The visitor's widget talks to server A.
    const visitorContext = await browser.newContext();
    const visitor = await visitorContext.newPage();
    await visitor.goto(site.origin);
    await visitor.getByRole('button', { name: 'Open Scale help' }).click();
    const log = visitor.getByRole('log', { name: 'Conversation' });
    await expect(log).toContainText('What do you need?');
    await visitor.getByRole('textbox', { name: 'Message' }).fill('I need a person, please');
    await visitor.getByRole('button', { name: 'Send message' }).click();
    await expect(log).toContainText('Connecting you with a person.');

    // Queued on A, seen live on B.
    await expect(agent.getByRole('link', { name: 'Inbox 1 waiting' })).toBeVisible();
    await agent.getByRole('list', { name: 'Waiting' }).getByRole('button', { name: /Scaled bot/ }).click();
    const transcript = agent.getByRole('list', { name: 'Transcript' });
    await expect(transcript).toContainText('I need a person, please');
    await agent.getByRole('button', { name: 'Claim' }).click();
    await expect(log).toContainText('Bo Backend joined the conversation');

    // Both ways, quickly, several in a row: every message arrives, in order.
    const reply = agent.getByRole('textbox', { name: 'Reply' });
    for (let i = 1; i <= 5; i++) {
      await reply.fill(`Agent message ${i}`);
      await reply.press('Enter');
    }
    await expect(log).toContainText('Agent message 5');
    const visitorInput = visitor.getByRole('textbox', { name: 'Message' });
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
    await site.close();
    await visitorContext.close();
    await agentContext.close();
  } finally {
    await serverB.stop();
  }
});

/** The numbers of `prefix N` lines in the order they appear, each once. */
function order(text: string, prefix: string): number[] {
  return [...text.matchAll(new RegExp(`${prefix} (\\d+)`, 'g'))].map((match) => Number(match[1]));
}
