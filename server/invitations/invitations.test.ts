import { beforeAll, describe, expect, it } from 'vitest';
import { addMember, callerFor, expectTrpcError, signUpUser, useTestApp, type Caller, type TestUser } from '../test/test-app';
import { hashInvitationToken, INVITATION_LIFETIME_DAYS } from './invitations';

const app = useTestApp();
const REFUSAL = 'This invite link is invalid, expired or already used. Ask for a new one.';

let owner: TestUser;
let asOwner: Caller;
let workspaceId: string;

beforeAll(async () => {
  owner = await signUpUser(app, 'Ines Inviter');
  asOwner = callerFor(app, owner);
  workspaceId = owner.workspaceId;
});

async function invitee() {
  const user = await signUpUser(app, 'Ivan Invitee');
  return { user, caller: callerFor(app, user) };
}

/** Every unusable token gets the same NOT_FOUND answer, so tokens cannot be probed. */
async function expectRefused(caller: Caller, token: string) {
  expect((await expectTrpcError(caller.member.previewInvitation({ token }), 'NOT_FOUND')).message).toBe(REFUSAL);
  expect((await expectTrpcError(caller.member.acceptInvitation({ token }), 'NOT_FOUND')).message).toBe(REFUSAL);
}

describe('invitations', () => {
  it('create → preview → accept joins the workspace with the invited role', async () => {
    const before = Date.now();
    const invitation = await asOwner.member.invite({ workspaceId, role: 'EDITOR' });
    expect(invitation.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const lifetime = invitation.expiresAt.getTime() - before;
    expect(lifetime).toBeGreaterThan(INVITATION_LIFETIME_DAYS * 86_400_000 - 60_000);
    expect(lifetime).toBeLessThanOrEqual(INVITATION_LIFETIME_DAYS * 86_400_000 + 60_000);

    const { user, caller } = await invitee();
    expect(await caller.member.previewInvitation({ token: invitation.token })).toEqual({ workspaceName: "Ines's workspace", role: 'EDITOR' });
    expect(await caller.member.acceptInvitation({ token: invitation.token })).toEqual({ workspaceId });

    expect(await app.prisma.membership.findUniqueOrThrow({ where: { workspaceId_userId: { workspaceId, userId: user.id } } })).toMatchObject({ role: 'EDITOR' });
    expect((await caller.workspace.list()).map((w) => w.id)).toContain(workspaceId);
    expect(await caller.bot.list({ workspaceId })).toEqual([]);
    const stored = await app.prisma.invitation.findUniqueOrThrow({ where: { id: invitation.id } });
    expect(stored.acceptedById).toBe(user.id);
    expect(stored.acceptedAt).toBeInstanceOf(Date);
    // An accepted invitation is no longer listed as open.
    expect((await asOwner.member.invitations({ workspaceId })).map((i) => i.id)).not.toContain(invitation.id);
  });

  it('stores only a SHA-256 hash of the token, and never lists the token', async () => {
    const { id, token } = await asOwner.member.invite({ workspaceId, role: 'VIEWER' });
    const row = await app.prisma.invitation.findUniqueOrThrow({ where: { id } });
    expect(row.tokenHash).toBe(hashInvitationToken(token));
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(token);
    const listed = await asOwner.member.invitations({ workspaceId });
    expect(listed.map((i) => i.id)).toContain(id);
    expect(JSON.stringify(listed)).not.toContain(token);
    expect(JSON.stringify(listed)).not.toContain(row.tokenHash);
  });

  it('refuses a reused token, with the same message', async () => {
    const { token } = await asOwner.member.invite({ workspaceId, role: 'VIEWER' });
    await (await invitee()).caller.member.acceptInvitation({ token });
    const second = await invitee();
    await expectRefused(second.caller, token);
    expect(await app.prisma.membership.findUnique({ where: { workspaceId_userId: { workspaceId, userId: second.user.id } } })).toBeNull();
  });

  it('refuses a revoked token', async () => {
    const { id, token } = await asOwner.member.invite({ workspaceId, role: 'VIEWER' });
    expect(await asOwner.member.revokeInvitation({ workspaceId, invitationId: id })).toEqual({ ok: true });
    await expectRefused((await invitee()).caller, token);
    // Revoking twice is NOT_FOUND.
    await expectTrpcError(asOwner.member.revokeInvitation({ workspaceId, invitationId: id }), 'NOT_FOUND');
  });

  it('refuses an expired token', async () => {
    const { id, token } = await asOwner.member.invite({ workspaceId, role: 'VIEWER' });
    await app.prisma.invitation.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expectRefused((await invitee()).caller, token);
    expect((await asOwner.member.invitations({ workspaceId })).map((i) => i.id)).not.toContain(id);
  });

  it('refuses a wrong, an empty and a near-miss token', async () => {
    const { token } = await asOwner.member.invite({ workspaceId, role: 'VIEWER' });
    const { caller } = await invitee();
    const nearMiss = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    for (const bad of ['wrong-token', '', nearMiss, hashInvitationToken(token)]) await expectRefused(caller, bad);
  });

  it('refuses an over-long token as a bad request without looking it up', async () => {
    const { caller } = await invitee();
    await expectTrpcError(caller.member.acceptInvitation({ token: 'x'.repeat(201) }), 'BAD_REQUEST');
  });

  it('needs a session to preview or accept', async () => {
    const { token } = await asOwner.member.invite({ workspaceId, role: 'VIEWER' });
    await expectTrpcError(callerFor(app, null).member.previewInvitation({ token }), 'UNAUTHORIZED');
    await expectTrpcError(callerFor(app, null).member.acceptInvitation({ token }), 'UNAUTHORIZED');
  });

  it('never demotes an existing member who accepts a lower invitation', async () => {
    const admin = await addMember(app, workspaceId, 'ADMIN');
    const { token } = await asOwner.member.invite({ workspaceId, role: 'VIEWER' });
    expect(await admin.caller.member.acceptInvitation({ token })).toEqual({ workspaceId });
    expect(await app.prisma.membership.findUniqueOrThrow({ where: { id: admin.membershipId } })).toMatchObject({ role: 'ADMIN' });
  });

  it('lets exactly one of two simultaneous accepts of one token succeed', async () => {
    const { token } = await asOwner.member.invite({ workspaceId, role: 'VIEWER' });
    const [a, b] = [await invitee(), await invitee()];
    const results = await Promise.allSettled([a.caller.member.acceptInvitation({ token }), b.caller.member.acceptInvitation({ token })]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const joined = await app.prisma.membership.count({ where: { workspaceId, userId: { in: [a.user.id, b.user.id] } } });
    expect(joined).toBe(1);
  });
});
