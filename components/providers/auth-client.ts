'use client';
import { createAuthClient } from 'better-auth/react';

/** better-auth's browser client; talks to /api/auth on the same origin. */
export const authClient = createAuthClient();

/** Turns better-auth's error codes into the messages our users see. */
export function describeAuthError(error: { code?: string; message?: string; status?: number } | null | undefined): string {
  switch (error?.code) {
    case 'USER_ALREADY_EXISTS':
    case 'USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL':
      return 'That email is already registered. Sign in instead.';
    case 'INVALID_EMAIL_OR_PASSWORD':
      return 'Wrong email or password.';
    case 'PASSWORD_TOO_SHORT':
      return 'Use at least 8 characters for the password.';
    case 'INVALID_EMAIL':
      return 'That does not look like an email address.';
  }
  if (error?.status === 429) return 'Too many attempts. Wait a minute, then try again.';
  return error?.message || 'Something went wrong. Check your connection and try again.';
}
