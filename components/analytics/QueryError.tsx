'use client';
import { Button } from '@/components/ui/Button';

/** A failed read: what went wrong, how to fix it, and a retry. */
export function QueryError({ what, error, onRetry }: { what: string; error: { message: string } | null; onRetry: () => void }) {
  const message = error?.message ?? 'Unknown error';
  const hint = /sign in/i.test(message)
    ? 'Sign in again, then reload this page.'
    : /period|time zone|366/i.test(message)
      ? 'Change the period in the filters above.'
      : /not exist|not a member/i.test(message)
        ? 'Check the link: the bot or workspace may have been deleted, or you may no longer be a member.'
        : 'Check your connection and try again; if it keeps failing, ask a workspace admin to check the server logs.';
  return (
    <div role="alert" className="flex flex-wrap items-center gap-3 rounded-lg border border-destructive/40 bg-destructive/5 p-4 text-sm">
      <p>
        Could not load {what}: {message} {hint}
      </p>
      <Button variant="outline" size="sm" onClick={onRetry}>
        Try again
      </Button>
    </div>
  );
}
