import { describe, expect, it } from 'vitest';
import { botFileName, botFileSchema, createBotFile, MAX_BOT_FILE_BYTES, parseBotFile } from './bot-file';
import { createTemplateGraph } from './templates/bot-templates';

const graph = createTemplateGraph('order-status');
const file = createBotFile({ name: 'Order help', description: 'Where is my parcel?', graph });
const text = (value: unknown) => JSON.stringify(value);

function errorOf(content: string): string {
  const result = parseBotFile(content);
  if (result.success) throw new Error('expected the file to be refused');
  return result.error;
}

describe('bot files', () => {
  it('reads back what it writes', () => {
    expect(file).toMatchObject({ format: 'flowboard.bot', formatVersion: 1, name: 'Order help' });
    expect(parseBotFile(JSON.stringify(file, null, 2))).toEqual({ success: true, file });
    expect(botFileSchema.parse(file)).toEqual(file);
  });

  it('names the file after the bot', () => {
    expect(botFileName('Order help!')).toBe('order-help.flowboard.json');
    expect(botFileName('Café Crème')).toBe('cafe-creme.flowboard.json');
    expect(botFileName('???')).toBe('bot.flowboard.json');
  });

  it('says when a file is not JSON', () => {
    expect(errorOf('{"format": "flowboard.bot",')).toMatch(/^This file is not valid JSON \(.+\)\. Choose a \.flowboard\.json file exported from Flowboard\.$/);
  });

  it('says when JSON is not a Flowboard bot file', () => {
    expect(errorOf('[1, 2]')).toMatch(/not a Flowboard bot: it should hold a JSON object with "format": "flowboard.bot"/);
    expect(errorOf(text({ name: 'x' }))).toMatch(/its "format" is missing, expected "flowboard.bot"/);
    expect(errorOf(text({ ...file, format: 'typebot' }))).toMatch(/its "format" is "typebot", expected "flowboard.bot"/);
  });

  it('tells a newer format from a broken one', () => {
    expect(errorOf(text({ ...file, formatVersion: 2 }))).toMatch(/exported by a newer Flowboard \(format version 2\); this one reads version 1\. Update Flowboard/);
    expect(errorOf(text({ ...file, formatVersion: '1' }))).toMatch(/unknown "formatVersion" \("1"\); expected 1/);
  });

  it('names the invalid field of the graph and how to fix it', () => {
    const broken = structuredClone(file) as unknown as { graph: { nodes: { data: Record<string, unknown> }[] } };
    broken.graph.nodes[2]!.data.url = 42;
    const error = errorOf(text(broken));
    expect(error).toMatch(/^The bot's graph in this file is not valid: graph\.nodes\.2\.data\.url: .+\. Fix that field in the file, or export the bot again\.$/);
    expect(errorOf(text({ ...file, graph: { version: 7, nodes: [], edges: [] } }))).toMatch(/graph\.version/);
  });

  it('names an invalid bot name', () => {
    expect(errorOf(text({ ...file, name: '  ' }))).toBe('This bot file has an invalid "name": Give the bot a name. Fix it in the file, or export the bot again.');
  });

  it('refuses a file over the size limit before parsing it', () => {
    expect(errorOf(' '.repeat(MAX_BOT_FILE_BYTES + 1))).toMatch(/larger than 2 MB/);
  });
});
