import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Security test class 1: every Next.js route handler, and who may call it without a session.
 * A new route fails this test until it is listed here, with how it authorizes.
 */
const ROUTES: Record<string, { methods: string[]; access: string }> = {
  'api/auth/[...all]': { methods: ['GET', 'POST'], access: 'public: sign-up, sign-in, sign-out (better-auth; origin-checked, rate-limited)' },
  'api/health': { methods: ['GET'], access: 'public: status and version only' },
  'api/trpc/[trpc]': { methods: ['GET', 'POST'], access: 'session: every procedure authorizes (see server/trpc tests); cross-origin writes refused' },
  'api/v1/bots/[publicId]/conversations': { methods: ['POST', 'OPTIONS'], access: 'public by bot public id: workspace API key or an Origin the bot allows' },
  'api/v1/conversations/[conversationId]/messages': { methods: ['GET', 'POST', 'OPTIONS'], access: 'conversation token or workspace API key' },
  'api/v1/openapi.json': { methods: ['GET'], access: 'public: the API description' },
  'widget.js': { methods: ['GET'], access: 'public: the chat widget script (static, the same for everyone)' },
};

function findRoutes(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return findRoutes(full, base);
    return /^route\.(ts|tsx|js)$/.test(entry) ? [path.relative(base, dir).split(path.sep).join('/')] : [];
  });
}

describe('route handler inventory', () => {
  const appDir = path.join(process.cwd(), 'app');
  const found = findRoutes(appDir).sort();

  it('lists every route handler (add a new one here with how it authorizes)', () => {
    expect(found).toEqual(Object.keys(ROUTES).sort());
  });

  it.each(Object.entries(ROUTES))('%s exports exactly the listed methods', (route, { methods }) => {
    const source = readFileSync(path.join(appDir, route, 'route.ts'), 'utf8');
    const exported = [...source.matchAll(/export (?:async function|const|function) (GET|POST|PUT|PATCH|DELETE|OPTIONS)\b/g)].map((m) => m[1]);
    const reexported = [...source.matchAll(/export \{([^}]+)\}/g)].flatMap((m) => [...m[1]!.matchAll(/as (GET|POST|PUT|PATCH|DELETE|OPTIONS)\b/g)].map((n) => n[1]));
    expect([...exported, ...reexported].sort()).toEqual([...methods].sort());
  });
});
