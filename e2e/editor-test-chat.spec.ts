import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { createBot, newAccount, signUpToWorkspace } from './helpers';
import { startFakeOpenAiServer } from '../server/test/fake-openai-server';
import { callTrpc, editorIds, saveDraft } from './seed-through-api';

const fixture = (name: string): Record<string, unknown> => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));
const testChatBot = fixture('test-chat-bot.json');
const llmBot = fixture('test-chat-llm-bot.json');

test('test the draft in the editor: greeting, quick reply, an intent, the path on the canvas, turn details and restart', async ({ page }) => {
  await signUpToWorkspace(page, newAccount('Tess Tester'));
  await createBot(page, 'Shop helper');
  await page.getByRole('link', { name: 'Open Shop helper in the editor' }).click();
  await expect(page.getByRole('heading', { name: 'Shop helper', level: 1 })).toBeVisible();
  await saveDraft(page, editorIds(page), testChatBot);
  await page.reload();
  const canvas = page.getByRole('region', { name: 'Canvas' });
  await expect(canvas.getByRole('group', { name: 'Message: Greeting' })).toBeVisible();

  await page.getByRole('button', { name: 'Test bot' }).click();
  const chat = page.getByRole('complementary', { name: 'Test chat' });
  const log = chat.getByRole('log', { name: 'Test conversation' });
  // The canvas is narrower beside the chat: show the whole graph again.
  await canvas.getByRole('button', { name: 'Fit View' }).click();
  // The fixture declares name = "there"; a preset replaces it from the first node on.
  await expect(log).toContainText('Hello there! What can I help you with?');
  await chat.getByRole('button', { name: 'Preset variables' }).click();
  await chat.getByLabel('Variable 1 name').fill('name');
  await chat.getByLabel('Variable 1 value').fill('Ada <b>Lovelace</b>');
  await chat.getByRole('button', { name: 'Restart' }).click();
  // Text is shown as text, never as markup.
  await expect(log).toContainText('Hello Ada <b>Lovelace</b>! What can I help you with?');
  await expect(log).not.toContainText('Hello there!');
  await expect(canvas.getByRole('group', { name: 'Intent router: Menu' })).toHaveAttribute('aria-current', 'step');

  // A quick reply answers the router waiting after the greeting.
  await log.getByRole('button', { name: 'Opening hours' }).click();
  await expect(log).toContainText('We are open 9 to 5, Monday to Friday. Anything else?');
  await expect(canvas.getByRole('group', { name: 'Intent router: Anything else' })).toHaveAttribute('aria-current', 'step');

  // A typed message that hits an intent: the capture node asking for the number is now active.
  await chat.getByRole('textbox', { name: 'Message' }).fill('Where is my order?');
  await chat.getByRole('button', { name: 'Send' }).click();
  await expect(log).toContainText('What is your order number?');
  const askOrder = canvas.getByRole('group', { name: 'Ask: Order number' });
  await expect(askOrder).toHaveAttribute('aria-current', 'step');
  await expect(askOrder).toContainText('Active in test chat');
  await expect(canvas.getByRole('group', { name: 'Intent router: Anything else' })).not.toHaveAttribute('aria-current', 'step');
  await expect(canvas.getByRole('group', { name: 'Message: Hours' })).toContainText('Visited in test chat');
  await expect(canvas.getByRole('group', { name: 'Taken in the test chat: intent:track_order branch of more to askOrder' })).toBeVisible();
  await expect(canvas.getByRole('group', { name: 'Taken in the test chat: intent:opening_hours branch of menu to hours' })).toBeVisible();
  await expect(canvas.getByRole('group', { name: /^Taken in the test chat: fallback/ })).toHaveCount(0);

  // The intent turn's details: the ranking with scores.
  await log.getByRole('button', { name: 'Details of turn 3' }).click();
  const intentDetails = log.getByRole('region', { name: 'Turn 3 details' });
  await expect(intentDetails.getByRole('table', { name: /Intent scores/ })).toBeVisible();
  await expect(intentDetails.getByRole('row', { name: /track_order/ })).toContainText(/\d\.\d\d/);
  await expect(intentDetails.getByRole('row', { name: /opening_hours/ })).toBeVisible();
  await expect(intentDetails).toContainText('Matched track_order');
  await expect(intentDetails).toContainText('Executor time:');

  // Answering the question sets a variable and ends the conversation.
  await chat.getByRole('textbox', { name: 'Message' }).fill('42');
  await chat.getByRole('button', { name: 'Send' }).click();
  await expect(log).toContainText('Thanks! Order 42 is on its way.');
  await expect(chat.getByText('The conversation has ended. Restart to test again.')).toBeVisible();
  await expect(chat.getByRole('button', { name: 'Send' })).toBeDisabled();
  await log.getByRole('button', { name: 'Details of turn 4' }).click();
  await expect(log.getByRole('region', { name: 'Turn 4 details' })).toContainText('orderNumber = 42');
  await expect(canvas.getByRole('group', { name: 'End: Done' })).toHaveAttribute('aria-current', 'step');

  // Restart: a fresh conversation with the presets, from the greeting.
  await chat.getByRole('button', { name: 'Restart' }).click();
  await expect(log).not.toContainText('Thanks! Order 42');
  await expect(log).toContainText('Hello Ada <b>Lovelace</b>!');
  await expect(canvas.getByRole('group', { name: 'Intent router: Menu' })).toHaveAttribute('aria-current', 'step');
  await expect(canvas.getByRole('group', { name: 'Message: Hours' })).not.toContainText('Visited in test chat');

  // Closing the panel clears the marks.
  await page.getByRole('button', { name: 'Test bot' }).click();
  await expect(chat).toBeHidden();
  await expect(canvas.getByRole('group', { name: 'Intent router: Menu' })).not.toHaveAttribute('aria-current', 'step');
});

test('an AI reply streams into the test chat token by token, and its details show the model request', async ({ page }) => {
  // A local OpenAI-compatible server on 127.0.0.2, the one local address the e2e server may reach (OUTBOUND_ALLOWLIST in playwright.config.ts).
  const llm = await startFakeOpenAiServer({ host: '127.0.0.2' });
  // Slow chunks keep the reply visibly streaming for a few seconds.
  const story = 'Once upon a time a lighthouse keeper taught the sea to sing.';
  llm.enqueue({ kind: 'text', text: story, chunks: 8, firstTokenDelayMs: 300, chunkDelayMs: 500, usage: { promptTokens: 21, completionTokens: 12 } });
  try {
    await signUpToWorkspace(page, newAccount('Lars Llm'));
    await createBot(page, 'Story bot');
    await page.getByRole('link', { name: 'Open Story bot in the editor' }).click();
    await expect(page.getByRole('heading', { name: 'Story bot', level: 1 })).toBeVisible();
    const ids = editorIds(page);
    await callTrpc(page, 'secret.set', { workspaceId: ids.workspaceId, name: 'FAKE_LLM_KEY', value: 'sk-e2e-not-a-real-key' }, 'mutation');
    await saveDraft(page, ids, { ...llmBot, settings: { llm: { baseUrl: llm.baseUrl, apiKeySecret: 'FAKE_LLM_KEY' } } });
    await page.reload();

    await page.getByRole('button', { name: 'Test bot' }).click();
    const chat = page.getByRole('complementary', { name: 'Test chat' });
    const log = chat.getByRole('log', { name: 'Test conversation' });
    // While tokens arrive the log is busy and shows the words so far, before the whole reply.
    await expect(page.getByRole('region', { name: 'Canvas' }).getByRole('group', { name: 'AI reply: Storyteller' })).toHaveAttribute('aria-current', 'step');
    await expect(log).toHaveAttribute('aria-busy', 'true');
    await expect(log).toContainText('Once upon');
    await expect(log).not.toContainText(story);
    await expect(log).toContainText(story);
    await expect(log).toHaveAttribute('aria-busy', 'false');
    await expect(log).toContainText('The end.');

    await log.getByRole('button', { name: 'Details of turn 1' }).click();
    const details = log.getByRole('region', { name: 'Turn 1 details' });
    await expect(details).toContainText('Model call: fake-model');
    await expect(details).toContainText('21 prompt + 12 completion');
    await expect(details).toContainText('user: Tell a story about a lighthouse.');
    await expect(details).toContainText(/Latency\s*\d+ ms/);
    // The key never reaches the browser.
    await expect(details).not.toContainText('sk-e2e-not-a-real-key');
    expect(llm.requests.at(-1)?.headers.authorization).toBe('Bearer sk-e2e-not-a-real-key');
  } finally {
    await llm.close();
  }
});
