import { expect, type Page } from '@playwright/test';

/**
 * Seeding through the app's own tRPC API, as the signed-in user of `page` (its cookies): faster
 * than building a graph by dragging, and checked by the same schemas and permissions. `appUrl`
 * picks another app server than the page's base URL (several servers share one database).
 */
export async function callTrpc<T>(page: Page, procedure: string, input: unknown, kind: 'query' | 'mutation', appUrl = ''): Promise<T> {
  const url = `${appUrl}/api/trpc/${procedure}`;
  const response =
    kind === 'query'
      ? await page.request.get(`${url}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`)
      : await page.request.post(url, { data: { json: input } });
  const body = (await response.json()) as { result?: { data: { json: T } }; error?: unknown };
  expect(response.ok(), `${procedure}: ${JSON.stringify(body.error)}`).toBe(true);
  return body.result!.data.json;
}

/** The workspace and bot ids of the editor page `page` shows (`/w/:workspaceId/bots/:botId`). */
export function editorIds(page: Page): { workspaceId: string; botId: string } {
  const match = /\/w\/([^/]+)\/bots\/([^/?#]+)/.exec(new URL(page.url()).pathname);
  if (!match) throw new Error(`Not on a bot editor page: ${page.url()}`);
  return { workspaceId: match[1]!, botId: match[2]! };
}

/** Replaces the bot's draft with `graph` (a JSON fixture), on the revision stored now. */
export async function saveDraft(page: Page, ids: { workspaceId: string; botId: string }, graph: unknown, appUrl = '') {
  const { revision } = await callTrpc<{ revision: number }>(page, 'bot.getDraft', ids, 'query', appUrl);
  await callTrpc(page, 'bot.saveDraft', { ...ids, graph, baseRevision: revision }, 'mutation', appUrl);
}
