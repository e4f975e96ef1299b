import { randomBytes, randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUpUser, TEST_PASSWORD, useTestApp, type TestApp, type TestUser } from '../test/test-app';
import { CLIENT_IP_HEADER, createAuth, type Auth } from './auth';
import { sessionEvents } from './session-events';

const app = useTestApp();

/** A random documentation-range address, so that rate-limit buckets never collide between tests. */
function randomIp(): string {
  const b = randomBytes(2);
  return `198.51.${b[0]}.${b[1]}`;
}

function uniqueEmail() {
  return `auth-${randomUUID()}@test.flowboard.local`;
}

function postAuth(auth: Auth, path: string, body: unknown, headers: Record<string, string> = {}) {
  return auth.handler(
    new Request(`${app.baseURL}/api/auth${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: app.baseURL, [CLIENT_IP_HEADER]: randomIp(), ...headers },
      body: JSON.stringify(body),
    }),
  );
}

const signIn = (auth: Auth, email: string, password: string, headers?: Record<string, string>) =>
  postAuth(auth, '/sign-in/email', { email, password }, headers);

describe('sign-up', () => {
  it('creates the user with a personal workspace that they own', async () => {
    const email = uniqueEmail();
    const response = await postAuth(app.auth, '/sign-up/email', { email, password: TEST_PASSWORD, name: 'Ada Lovelace' });
    expect(response.status).toBe(200);
    const user = await app.prisma.user.findUniqueOrThrow({ where: { email } });
    const memberships = await app.prisma.membership.findMany({ where: { userId: user.id }, include: { workspace: true } });
    expect(memberships).toHaveLength(1);
    expect(memberships[0]).toMatchObject({ role: 'OWNER', workspace: { name: "Ada's workspace" } });
  });

  it('stores a password hash, never the password', async () => {
    const user = await signUpUser(app);
    const account = await app.prisma.account.findFirstOrThrow({ where: { userId: user.id, providerId: 'credential' } });
    expect(account.password).toBeTruthy();
    expect(account.password).not.toContain(TEST_PASSWORD);
  });

  it('refuses a second account with the same email', async () => {
    const user = await signUpUser(app);
    const response = await postAuth(app.auth, '/sign-up/email', { email: user.email, password: 'another password', name: 'Copy' });
    expect(response.status).toBe(422);
    expect((await response.json()).code).toMatch(/^USER_ALREADY_EXISTS/);
    expect(await app.prisma.user.count({ where: { email: user.email } })).toBe(1);
  });

  it('ignores server-owned user fields sent with the sign-up (mass assignment)', async () => {
    const email = uniqueEmail();
    const response = await postAuth(app.auth, '/sign-up/email', {
      email,
      password: TEST_PASSWORD,
      name: 'Mallory',
      id: 'chosen-user-id',
      emailVerified: true,
      createdAt: '2000-01-01T00:00:00.000Z',
    });
    // better-auth drops them: the account is created with server-chosen values.
    expect(response.status).toBe(200);
    const user = await app.prisma.user.findUniqueOrThrow({ where: { email } });
    expect(user.emailVerified).toBe(false);
    expect(user.id).not.toBe('chosen-user-id');
    expect(user.createdAt.getFullYear()).toBeGreaterThan(2000);
    expect(await app.prisma.user.findUnique({ where: { id: 'chosen-user-id' } })).toBeNull();
  });

  it('refuses a password shorter than 8 characters', async () => {
    const response = await postAuth(app.auth, '/sign-up/email', { email: uniqueEmail(), password: 'short', name: 'Shorty' });
    expect(response.status).toBe(400);
    expect((await response.json()).code).toBe('PASSWORD_TOO_SHORT');
  });
});

describe('sign-in', () => {
  let user: TestUser;
  beforeAll(async () => {
    user = await signUpUser(app);
  });

  it('signs in with the right password and sets an httpOnly session cookie', async () => {
    const response = await signIn(app.auth, user.email, user.password);
    expect(response.status).toBe(200);
    const cookies = response.headers.getSetCookie();
    const session = cookies.find((c) => /^(__Secure-)?better-auth\.session_token=/.test(c));
    expect(session, cookies.join('\n')).toBeDefined();
    expect(session).toMatch(/;\s*HttpOnly/i);
    expect(session).toMatch(/;\s*SameSite=Lax/i);
    expect(session).toMatch(/;\s*Path=\//i);
    // Secure on https and on localhost (browsers treat it as a secure context).
    expect(session).toMatch(/;\s*Secure/i);
  });

  it('answers a wrong password and an unknown email the same way (no account enumeration)', async () => {
    const wrongPassword = await signIn(app.auth, user.email, 'not the password');
    const unknownEmail = await signIn(app.auth, uniqueEmail(), 'not the password');
    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(wrongPassword.status);
    expect(await unknownEmail.json()).toEqual(await wrongPassword.json());
  });

  describe('rate limit', () => {
    let limited: TestApp;
    beforeAll(() => {
      limited = createTestApp(app.db, { signInRateLimit: 3 });
    });

    it('refuses with 429 after the limit from one client address', async () => {
      const ip = randomIp();
      for (let i = 0; i < 3; i++) {
        expect((await signIn(limited.auth, user.email, 'wrong password', { [CLIENT_IP_HEADER]: ip })).status).toBe(401);
      }
      const refused = await signIn(limited.auth, user.email, user.password, { [CLIENT_IP_HEADER]: ip });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('x-retry-after'))).toBeGreaterThan(0);
      // Another address is not limited.
      expect((await signIn(limited.auth, user.email, user.password, { [CLIENT_IP_HEADER]: randomIp() })).status).toBe(200);
    });

    it('keys on the server-set client address, not on X-Forwarded-For a client can forge', async () => {
      const ip = randomIp();
      for (let i = 0; i < 3; i++) {
        await signIn(limited.auth, uniqueEmail(), 'wrong password', { [CLIENT_IP_HEADER]: ip, 'x-forwarded-for': randomIp() });
      }
      const refused = await signIn(limited.auth, user.email, user.password, { [CLIENT_IP_HEADER]: ip, 'x-forwarded-for': randomIp() });
      expect(refused.status).toBe(429);
    });

    it('counts attempts for every email together (spraying many accounts is limited too)', async () => {
      const ip = randomIp();
      for (let i = 0; i < 3; i++) await signIn(limited.auth, uniqueEmail(), 'wrong password', { [CLIENT_IP_HEADER]: ip });
      expect((await signIn(limited.auth, uniqueEmail(), 'wrong password', { [CLIENT_IP_HEADER]: ip })).status).toBe(429);
    });
  });
});

describe('sessions and sign-out', () => {
  it('reads the session from the cookie', async () => {
    const user = await signUpUser(app);
    const session = await app.auth.api.getSession({ headers: new Headers({ cookie: user.cookie }) });
    expect(session?.user.id).toBe(user.id);
    expect(session?.session.id).toBe(user.sessionId);
  });

  it('ignores a forged or altered session cookie', async () => {
    const user = await signUpUser(app);
    const forged = user.cookie.replace(/=([^.;]+)\./, '=forgedtoken.');
    expect(forged).not.toBe(user.cookie);
    expect(await app.auth.api.getSession({ headers: new Headers({ cookie: forged }) })).toBeNull();
  });

  it('signs out: the cookie is cleared, the session stops working and its sockets are told', async () => {
    const user = await signUpUser(app);
    const revoked: string[] = [];
    const onRevoked = (id: string) => revoked.push(id);
    sessionEvents.on('revoked', onRevoked);
    try {
      const response = await postAuth(app.auth, '/sign-out', {}, { cookie: user.cookie });
      expect(response.status).toBe(200);
      const cleared = response.headers.getSetCookie().find((c) => c.includes('session_token='));
      expect(cleared).toMatch(/Max-Age=0/i);
    } finally {
      sessionEvents.off('revoked', onRevoked);
    }
    expect(revoked).toEqual([user.sessionId]);
    expect(await app.auth.api.getSession({ headers: new Headers({ cookie: user.cookie }) })).toBeNull();
    expect(await app.prisma.session.findUnique({ where: { id: user.sessionId } })).toBeNull();
  });

  // Regression: better-auth skips its Origin/CSRF checks when NODE_ENV=test unless told not to;
  // createAuth now keeps them on in every environment.
  it('refuses a cookie-carrying POST from another origin (CSRF)', async () => {
    const user = await signUpUser(app);
    const response = await postAuth(app.auth, '/sign-out', {}, { cookie: user.cookie, origin: 'https://evil.example' });
    expect(response.status).toBe(403);
    expect(await app.auth.api.getSession({ headers: new Headers({ cookie: user.cookie }) })).not.toBeNull();
  });

  it('refuses a cross-site form navigation that tries to sign someone in', async () => {
    const user = await signUpUser(app);
    const response = await postAuth(
      app.auth,
      '/sign-in/email',
      { email: user.email, password: user.password },
      { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' },
    );
    expect(response.status).toBe(403);
  });
});

describe('createAuth', () => {
  it('uses plain cookie names on a non-local http URL (no Secure flag browsers would drop)', async () => {
    const auth = createAuth({ prisma: app.prisma, baseURL: 'http://flowboard.lan:3000', secret: randomBytes(32).toString('hex'), signInRateLimit: 10 });
    const email = uniqueEmail();
    const response = await auth.handler(
      new Request('http://flowboard.lan:3000/api/auth/sign-up/email', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'http://flowboard.lan:3000', [CLIENT_IP_HEADER]: randomIp() },
        body: JSON.stringify({ email, password: TEST_PASSWORD, name: 'Lan User' }),
      }),
    );
    expect(response.status).toBe(200);
    const session = response.headers.getSetCookie().find((c) => c.startsWith('better-auth.session_token='));
    expect(session).toMatch(/HttpOnly/i);
    expect(session).not.toMatch(/;\s*Secure/i);
  });
});
