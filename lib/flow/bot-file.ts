import { z } from 'zod';
import { botDescriptionSchema, botNameSchema } from '../schemas';
import { graphSchema, type Graph } from './graph-schema';

/**
 * The file a bot is exported to and imported from (`<bot-name>.flowboard.json`): its name,
 * description and graph, tagged with a format and version so that other JSON is recognised and
 * refused. The graph names workspace secrets (`{{secrets.NAME}}`, `settings.llm.apiKeySecret`)
 * but never holds their values, so a file can be shared safely. Shared by browser and server.
 */
export const BOT_FILE_FORMAT = 'flowboard.bot' as const;
export const BOT_FILE_VERSION = 1 as const;
/** Largest file accepted (characters of its text, which JSON keeps close to bytes). */
export const MAX_BOT_FILE_BYTES = 2 * 1024 * 1024;
export const BOT_FILE_EXTENSION = '.flowboard.json';

export const botFileSchema = z.object({
  format: z.literal(BOT_FILE_FORMAT),
  formatVersion: z.literal(BOT_FILE_VERSION),
  name: botNameSchema,
  description: botDescriptionSchema.default(''),
  graph: graphSchema,
});
export type BotFile = z.infer<typeof botFileSchema>;

/** The text of an uploaded file, as a procedure input: bounded before anything parses it. */
export const botFileContentSchema = z
  .string()
  .max(MAX_BOT_FILE_BYTES, `The file is larger than ${MAX_BOT_FILE_BYTES / 1024 / 1024} MB. Export the bot again, or remove unused nodes and training phrases.`);

/** The file for a bot. */
export function createBotFile(bot: { name: string; description: string; graph: Graph }): BotFile {
  return { format: BOT_FILE_FORMAT, formatVersion: BOT_FILE_VERSION, name: bot.name, description: bot.description, graph: bot.graph };
}

/**
 * A file name for a bot: its name in lower case with dashes.
 * @example botFileName('Order help!') === 'order-help.flowboard.json'
 */
export function botFileName(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${slug || 'bot'}${BOT_FILE_EXTENSION}`;
}

export type BotFileParse = { success: true; file: BotFile } | { success: false; error: string };

/**
 * Reads a bot file's text. When it is not one, `error` says what is wrong and how to fix it,
 * in words for the person who picked the file: not JSON, not a Flowboard bot file, a newer
 * format, or which field of the graph is invalid.
 */
export function parseBotFile(text: string): BotFileParse {
  const fail = (error: string): BotFileParse => ({ success: false, error });
  if (text.length > MAX_BOT_FILE_BYTES) return fail(botFileContentSchema.safeParse(text).error?.issues[0]?.message ?? 'The file is too large.');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return fail(`This file is not valid JSON (${(error as Error).message}). Choose a ${BOT_FILE_EXTENSION} file exported from Flowboard.`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return fail(`This file is not a Flowboard bot: it should hold a JSON object with "format": "${BOT_FILE_FORMAT}". Choose a ${BOT_FILE_EXTENSION} file exported from Flowboard.`);
  }
  const fields = json as Record<string, unknown>;
  if (fields.format !== BOT_FILE_FORMAT) {
    return fail(
      `This file is not a Flowboard bot: its "format" is ${fields.format === undefined ? 'missing' : JSON.stringify(fields.format)}, expected "${BOT_FILE_FORMAT}". Choose a ${BOT_FILE_EXTENSION} file exported from Flowboard.`,
    );
  }
  if (fields.formatVersion !== BOT_FILE_VERSION) {
    return fail(
      typeof fields.formatVersion === 'number' && fields.formatVersion > BOT_FILE_VERSION
        ? `This file was exported by a newer Flowboard (format version ${fields.formatVersion}); this one reads version ${BOT_FILE_VERSION}. Update Flowboard, then import it again.`
        : `This file has an unknown "formatVersion" (${JSON.stringify(fields.formatVersion)}); expected ${BOT_FILE_VERSION}. Export the bot from Flowboard again.`,
    );
  }
  const parsed = botFileSchema.safeParse(json);
  if (parsed.success) return { success: true, file: parsed.data };
  const issues = parsed.error.issues;
  const where = (issue: z.core.$ZodIssue) => issue.path.map(String).join('.');
  const inGraph = issues.filter((issue) => issue.path[0] === 'graph');
  if (inGraph.length) {
    const listed = inGraph.slice(0, 3).map((issue) => `${where(issue)}: ${issue.message}`);
    const more = inGraph.length > 3 ? ` (and ${inGraph.length - 3} more)` : '';
    return fail(`The bot's graph in this file is not valid: ${listed.join('; ')}${more}. Fix ${inGraph.length === 1 ? 'that field' : 'those fields'} in the file, or export the bot again.`);
  }
  const first = issues[0]!;
  return fail(`This bot file has an invalid "${where(first)}": ${first.message}. Fix it in the file, or export the bot again.`);
}
