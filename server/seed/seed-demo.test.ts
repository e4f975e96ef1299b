import { describe, expect, it } from 'vitest';
import { useTestApp } from '../test/test-app';
import { DEMO_BOT_PUBLIC_ID, DEMO_USER, seedDemo } from './seed-demo';

const app = useTestApp();

async function demoState() {
  const user = await app.prisma.user.findUnique({ where: { email: DEMO_USER.email } });
  const memberships = user ? await app.prisma.membership.findMany({ where: { userId: user.id }, include: { workspace: true } }) : [];
  const bots = await app.prisma.bot.findMany({ where: { publicId: DEMO_BOT_PUBLIC_ID }, include: { draft: true } });
  return { user, memberships, bots };
}

describe('seedDemo', () => {
  it('creates the demo user, workspace and bot once, and is a no-op afterwards', async () => {
    // On a shared PostgreSQL database another run may have seeded it already.
    const seededBefore = (await demoState()).user !== null;
    expect(await seedDemo(app.prisma, app.auth, app.nlu)).toEqual({ created: !seededBefore });

    const state = await demoState();
    expect(state.user).toMatchObject({ name: DEMO_USER.name });
    expect(state.memberships).toHaveLength(1);
    expect(state.memberships[0]).toMatchObject({ role: 'OWNER', workspace: { name: 'Demo workspace' } });
    expect(state.bots).toHaveLength(1);
    expect(state.bots[0]).toMatchObject({ workspaceId: state.memberships[0]!.workspaceId, name: 'Support assistant', publicId: 'demo' });
    expect(state.bots[0]!.draft).not.toBeNull();

    expect(await seedDemo(app.prisma, app.auth, app.nlu)).toEqual({ created: false });
    expect(await seedDemo(app.prisma, app.auth, app.nlu)).toEqual({ created: false });
    expect(await demoState()).toEqual(state);
  });

  it('lets the demo user sign in with the documented password', async () => {
    await seedDemo(app.prisma, app.auth, app.nlu);
    const result = await app.auth.api.signInEmail({ body: { email: DEMO_USER.email, password: DEMO_USER.password } });
    expect(result.user.email).toBe(DEMO_USER.email);
  });
});
