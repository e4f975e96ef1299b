import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

/** Where `scripts/build-widget.mjs` writes the widget bundle. */
export const WIDGET_SCRIPT_PATH = path.join(process.cwd(), 'widget', 'dist', 'widget.js');

interface LoadedScript {
  mtimeMs: number;
  body: Buffer;
  etag: string;
}
let loaded: LoadedScript | undefined;

/**
 * GET /widget.js: the chat widget for other websites. Public and the same for everyone; cached
 * briefly by browsers (a new release reaches sites within minutes) and revalidated by ETag.
 */
export async function serveWidgetScript(request: Request): Promise<Response> {
  const script = await loadWidgetScript();
  if (!script) return new Response('// The widget is not built. Run `npm run build`.\n', { status: 503, headers: { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' } });
  const headers: Record<string, string> = {
    'content-type': 'text/javascript; charset=utf-8',
    'cache-control': 'public, max-age=300, stale-while-revalidate=86400',
    etag: script.etag,
    vary: 'Accept-Encoding',
    // Loaded by <script> on any site: allow it to be embedded cross-origin.
    'cross-origin-resource-policy': 'cross-origin',
    'access-control-allow-origin': '*',
  };
  if (request.headers.get('if-none-match') === script.etag) return new Response(null, { status: 304, headers });
  // Next's server compresses the response for clients that accept gzip.
  return new Response(new Uint8Array(script.body), { headers });
}

async function loadWidgetScript(): Promise<LoadedScript | undefined> {
  let mtimeMs: number;
  try {
    mtimeMs = (await stat(WIDGET_SCRIPT_PATH)).mtimeMs;
  } catch {
    return undefined;
  }
  if (loaded?.mtimeMs === mtimeMs) return loaded;
  const body = await readFile(WIDGET_SCRIPT_PATH);
  loaded = { mtimeMs, body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"` };
  return loaded;
}
