import { beforeAll, describe, expect, it } from 'vitest';
import { callerFor, expectTrpcError, signUpUser, useTestApp, type Caller, type TestUser } from '../test/test-app';
import { decryptSecret } from './secret-box';
import { readSecretValue } from './secrets';

const app = useTestApp();
const VALUE = 'sk-test-PLAINTEXT-9f8e7d6c5b4a';

let owner: TestUser;
let caller: Caller;

beforeAll(async () => {
  owner = await signUpUser(app, 'Sam Secret');
  caller = callerFor(app, owner);
});

describe('workspace secrets', () => {
  it('stores the value encrypted: the database row never holds the plaintext', async () => {
    const secret = await caller.secret.set({ workspaceId: owner.workspaceId, name: 'OPENAI_API_KEY', value: VALUE });
    const row = await app.prisma.secret.findUniqueOrThrow({ where: { id: secret.id } });
    expect(row.ciphertext).toMatch(/^v1\./);
    expect(JSON.stringify(row)).not.toContain(VALUE);
    expect(row.ciphertext).not.toContain(Buffer.from(VALUE).toString('base64'));
    expect(decryptSecret(app.secretsKey, row.ciphertext)).toBe(VALUE);
    // Nor does any raw text column of the table.
    const raw = await app.db.sql.query<Record<string, unknown>>('SELECT * FROM "Secret" WHERE id = $1', [secret.id]);
    expect(JSON.stringify(raw)).not.toContain(VALUE);
  });

  it('never returns the value from secret.set or secret.list', async () => {
    const set = await caller.secret.set({ workspaceId: owner.workspaceId, name: 'HTTP_TOKEN', value: VALUE });
    expect(Object.keys(set).sort()).toEqual(['createdAt', 'id', 'name', 'updatedAt']);
    const list = await caller.secret.list({ workspaceId: owner.workspaceId });
    expect(list.map((s) => s.name)).toEqual(expect.arrayContaining(['HTTP_TOKEN']));
    for (const output of [set, list]) {
      const text = JSON.stringify(output);
      expect(text).not.toContain(VALUE);
      expect(text).not.toContain('v1.');
      expect(text).not.toContain('ciphertext');
    }
  });

  it('replaces the value when a secret of the same name is set again', async () => {
    const first = await caller.secret.set({ workspaceId: owner.workspaceId, name: 'ROTATED_KEY', value: 'old-value' });
    const second = await caller.secret.set({ workspaceId: owner.workspaceId, name: 'ROTATED_KEY', value: 'new-value' });
    expect(second.id).toBe(first.id);
    expect(await readSecretValue(app.prisma, app.secretsKey, owner.workspaceId, 'ROTATED_KEY')).toBe('new-value');
    expect(await app.prisma.secret.count({ where: { workspaceId: owner.workspaceId, name: 'ROTATED_KEY' } })).toBe(1);
  });

  it('reads nothing with the wrong key (the runtime fails instead of leaking)', async () => {
    await caller.secret.set({ workspaceId: owner.workspaceId, name: 'KEYED', value: VALUE });
    await expect(readSecretValue(app.prisma, 'cd'.repeat(32), owner.workspaceId, 'KEYED')).rejects.toThrow();
    expect(await readSecretValue(app.prisma, app.secretsKey, owner.workspaceId, 'MISSING')).toBeNull();
  });

  it('deletes a secret; deleting it again is NOT_FOUND', async () => {
    const secret = await caller.secret.set({ workspaceId: owner.workspaceId, name: 'TEMPORARY', value: 'x' });
    expect(await caller.secret.delete({ workspaceId: owner.workspaceId, secretId: secret.id })).toEqual({ ok: true });
    expect(await app.prisma.secret.findUnique({ where: { id: secret.id } })).toBeNull();
    await expectTrpcError(caller.secret.delete({ workspaceId: owner.workspaceId, secretId: secret.id }), 'NOT_FOUND');
  });

  it('refuses badly named or empty secrets', async () => {
    await expectTrpcError(caller.secret.set({ workspaceId: owner.workspaceId, name: 'lower_case', value: 'x' }), 'BAD_REQUEST');
    await expectTrpcError(caller.secret.set({ workspaceId: owner.workspaceId, name: '1_STARTS_WITH_DIGIT', value: 'x' }), 'BAD_REQUEST');
    await expectTrpcError(caller.secret.set({ workspaceId: owner.workspaceId, name: 'EMPTY', value: '' }), 'BAD_REQUEST');
  });
});
