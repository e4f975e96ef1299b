import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { createBot, newAccount, signUpToWorkspace } from './helpers';

/** Publishes the draft with notes and waits for the new version to be live. */
async function publish(page: Page, notes: string, number: number) {
  await page.getByRole('button', { name: 'Publish' }).click();
  const dialog = page.getByRole('dialog', { name: 'Publish this bot' });
  await dialog.getByLabel('Notes (optional)').fill(notes);
  await dialog.getByRole('button', { name: 'Publish now' }).click();
  await expect(page.getByText(`Live · v${number}`)).toBeVisible();
}

async function openEditor(page: Page, botName: string) {
  await page.getByRole('link', { name: `Open ${botName} in the editor` }).click();
  await expect(page.getByRole('heading', { name: botName, level: 1 })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Canvas' }).getByRole('group', { name: 'Start: start' })).toBeVisible();
}

/** Adds a message beside the start node and waits until autosave has it. */
async function addMessage(page: Page) {
  const canvas = page.getByRole('region', { name: 'Canvas' });
  await canvas.getByRole('group', { name: 'Start: start' }).click();
  await page.getByRole('navigation', { name: 'Add a node' }).getByRole('button', { name: 'Add Message' }).click();
  await expect(canvas.getByRole('group', { name: /^Message: message-/ })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible();
}

test('publish two versions, look at the first read-only, and restore it into the draft', async ({ page }) => {
  await signUpToWorkspace(page, newAccount('Vic Versions'));
  await createBot(page, 'Versioned bot');
  await openEditor(page, 'Versioned bot');
  const canvas = page.getByRole('region', { name: 'Canvas' });

  await publish(page, 'Only the start', 1);
  await addMessage(page);
  await publish(page, 'Added a greeting', 2);

  await page.getByRole('button', { name: 'Versions' }).click();
  const versions = page.getByRole('dialog', { name: 'Versions' }).getByRole('list', { name: 'Published versions' });
  await expect(versions.getByRole('listitem')).toHaveCount(2);
  const v2 = versions.getByRole('listitem', { name: 'Version 2' });
  const v1 = versions.getByRole('listitem', { name: 'Version 1' });
  await expect(v2).toContainText('Added a greeting');
  await expect(v2).toContainText('Vic Versions');
  await expect(v2.getByText('Live', { exact: true })).toBeVisible();
  await expect(v1).toContainText('Only the start');
  await expect(v1.getByText('Live', { exact: true })).toHaveCount(0);

  // Version 1 on the canvas, read only: no palette, no publishing, nothing to edit.
  await v1.getByRole('button', { name: 'Open version 1' }).click();
  await expect(page.getByText('Viewing version 1 (read only)')).toBeVisible();
  await expect(canvas.getByRole('group', { name: 'Start: start' })).toBeVisible();
  await expect(canvas.getByRole('group', { name: /^Message: / })).toHaveCount(0);
  await expect(page.getByRole('navigation', { name: 'Add a node' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Publish' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Undo (Ctrl+Z)' })).toHaveCount(0);
  await canvas.getByRole('group', { name: 'Start: start' }).click();
  await expect(page.getByRole('region', { name: 'Inspector' }).getByLabel('Label')).toBeDisabled();

  // Back to the draft: version 2's message is still there.
  await page.getByRole('button', { name: 'Back to draft' }).click();
  await expect(page.getByRole('navigation', { name: 'Add a node' })).toBeVisible();
  await expect(canvas.getByRole('group', { name: /^Message: message-/ })).toBeVisible();

  // Restore version 1 into the draft from the version view.
  await page.getByRole('button', { name: 'Versions' }).click();
  await versions.getByRole('listitem', { name: 'Version 1' }).getByRole('button', { name: 'Open version 1' }).click();
  await page.getByRole('button', { name: 'Restore this version' }).click();
  await page.getByRole('alertdialog', { name: 'Restore version 1 into the draft?' }).getByRole('button', { name: 'Restore version 1' }).click();
  await expect(page.getByText('Version 1 restored into the draft')).toBeVisible();
  await expect(page.getByText('Viewing version 1 (read only)')).toHaveCount(0);
  await expect(page.getByRole('navigation', { name: 'Add a node' })).toBeVisible();
  await expect(canvas.getByRole('group', { name: 'Start: start' })).toBeVisible();
  await expect(canvas.getByRole('group', { name: /^Message: / })).toHaveCount(0);
  // The live bot is still version 2 until the draft is published.
  await expect(page.getByText('Live · v2')).toBeVisible();

  await page.reload();
  await expect(canvas.getByRole('group', { name: 'Start: start' })).toBeVisible();
  await expect(canvas.getByRole('group', { name: /^Message: / })).toHaveCount(0);

  // Straight from the list: version 2 back into the draft.
  await page.getByRole('button', { name: 'Versions' }).click();
  await versions.getByRole('button', { name: 'Restore into draft: version 2' }).click();
  await page.getByRole('alertdialog', { name: 'Restore version 2 into the draft?' }).getByRole('button', { name: 'Restore version 2' }).click();
  await expect(page.getByText('Version 2 restored into the draft')).toBeVisible();
  await expect(page.getByRole('dialog', { name: 'Versions' })).toHaveCount(0);
  await expect(canvas.getByRole('group', { name: /^Message: message-/ })).toBeVisible();
});

test('export the draft to a file; an invalid file is refused and the draft stays; a valid one replaces it', async ({ page }) => {
  await signUpToWorkspace(page, newAccount('Ezra Export'));
  await createBot(page, 'Export bot', 'Exported and imported');
  await openEditor(page, 'Export bot');
  const canvas = page.getByRole('region', { name: 'Canvas' });
  await addMessage(page);

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('export-bot.flowboard.json');
  const file = JSON.parse(await readFile(await download.path(), 'utf8')) as { graph: { nodes: { type: string }[] } };
  expect(file).toMatchObject({ format: 'flowboard.bot', formatVersion: 1, name: 'Export bot', description: 'Exported and imported' });
  expect(file.graph.nodes.map((node) => node.type)).toEqual(['start', 'message']);

  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Replace the draft from a file' });
  const fileInput = dialog.getByLabel('Bot file');
  await fileInput.setInputFiles({ name: 'notes.flowboard.json', mimeType: 'application/json', buffer: Buffer.from('these are my notes, not a bot') });
  await dialog.getByRole('button', { name: 'Replace the draft' }).click();
  await expect(dialog.getByRole('alert')).toContainText('This file is not valid JSON');

  const broken = { ...file, graph: { ...file.graph, nodes: 'none' } };
  await fileInput.setInputFiles({ name: 'broken.flowboard.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) });
  await dialog.getByRole('button', { name: 'Replace the draft' }).click();
  await expect(dialog.getByRole('alert')).toContainText("The bot's graph in this file is not valid: graph.nodes");
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // Nothing changed: the message is still in the saved draft.
  await page.reload();
  await expect(canvas.getByRole('group', { name: /^Message: message-/ })).toBeVisible();

  // A valid file (the export without its message) replaces the draft.
  const startOnly = { ...file, graph: { ...file.graph, nodes: file.graph.nodes.filter((node) => node.type === 'start') } };
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await dialog.getByLabel('Bot file').setInputFiles({ name: 'start-only.flowboard.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(startOnly)) });
  await dialog.getByRole('button', { name: 'Replace the draft' }).click();
  await expect(page.getByText('Imported start-only.flowboard.json into the draft')).toBeVisible();
  await expect(canvas.getByRole('group', { name: 'Start: start' })).toBeVisible();
  await expect(canvas.getByRole('group', { name: /^Message: / })).toHaveCount(0);
});

test('start a bot from a template, and import a bot from a file on the bots page', async ({ page }) => {
  await signUpToWorkspace(page, newAccount('Tara Templates'));

  await page.getByRole('button', { name: 'New bot' }).click();
  const create = page.getByRole('dialog', { name: 'Create a bot' });
  await create.getByLabel('Bot name').fill('FAQ bot');
  const startFrom = create.getByRole('radiogroup', { name: 'Start from' });
  await expect(startFrom.getByRole('radio', { name: 'Blank' })).toBeChecked();
  await expect(startFrom.getByRole('radio', { name: 'Order status' })).toBeVisible();
  await expect(startFrom.getByRole('radio', { name: 'Lead qualification' })).toBeVisible();
  await startFrom.getByRole('radio', { name: 'FAQ with handoff' }).check();
  await create.getByRole('button', { name: 'Create bot' }).click();
  await expect(create).toBeHidden();

  await openEditor(page, 'FAQ bot');
  const canvas = page.getByRole('region', { name: 'Canvas' });
  await expect(canvas.getByRole('group', { name: 'Intent router: What do they ask?' })).toBeVisible();
  await expect(canvas.getByRole('group', { name: 'Hand off to a person: Get a person' })).toBeVisible();
  await expect(canvas.getByRole('group', { name: 'Message: Opening hours' })).toBeVisible();

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const file = JSON.parse(await readFile(await (await downloading).path(), 'utf8')) as Record<string, unknown>;

  await page.getByRole('link', { name: 'Bots', exact: true }).first().click();
  await expect(page.getByRole('heading', { name: 'Bots', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Import bot' }).click();
  const importDialog = page.getByRole('dialog', { name: 'Import a bot' });
  await importDialog.getByLabel('Bot file').setInputFiles({ name: 'other.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ ...file, format: 'something.else' })) });
  await importDialog.getByRole('button', { name: 'Import bot' }).click();
  await expect(importDialog.getByRole('alert')).toContainText('This file is not a Flowboard bot');

  await importDialog.getByLabel('Bot file').setInputFiles({ name: 'faq.flowboard.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ ...file, name: 'Imported FAQ' })) });
  await importDialog.getByRole('button', { name: 'Import bot' }).click();
  await expect(importDialog).toBeHidden();
  const bots = page.getByRole('list', { name: 'Bots' });
  await expect(bots.getByRole('listitem')).toHaveCount(2);
  await openEditor(page, 'Imported FAQ');
  await expect(canvas.getByRole('group', { name: 'Intent router: What do they ask?' })).toBeVisible();
});
