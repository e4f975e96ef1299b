'use client';
import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { useState } from 'react';
import { authClient, describeAuthError } from '@/components/providers/auth-client';
import { Button } from '@/components/ui/Button';
import { Field } from '@/components/ui/Field';
import { FormAlert } from '@/components/ui/FormAlert';
import { Input } from '@/components/ui/Input';
import { safeRedirectPath } from '@/lib/safe-redirect';

export function SignUpForm() {
  const router = useRouter();
  const next = safeRedirectPath(useSearchParams().get('next'));
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const name = String(form.get('name')).trim();
    const email = String(form.get('email')).trim();
    const password = String(form.get('password'));
    const problems: Record<string, string> = {};
    if (!name) problems.name = 'Tell us your name.';
    if (!/^\S+@\S+\.\S+$/.test(email)) problems.email = 'Enter an email address like you@company.com.';
    if (password.length < 8) problems.password = 'Use at least 8 characters.';
    setFieldErrors(problems);
    if (Object.keys(problems).length) return;
    setPending(true);
    setError(null);
    const { error } = await authClient.signUp.email({ name, email, password });
    setPending(false);
    if (error) return setError(describeAuthError(error));
    router.replace(next);
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="grid gap-4" noValidate>
      <Field id="name" label="Your name" error={fieldErrors.name}>
        <Input name="name" autoComplete="name" required />
      </Field>
      <Field id="email" label="Work email" error={fieldErrors.email}>
        <Input name="email" type="email" autoComplete="email" required />
      </Field>
      <Field id="password" label="Password" hint="At least 8 characters." error={fieldErrors.password}>
        <Input name="password" type="password" autoComplete="new-password" required />
      </Field>
      <FormAlert message={error} />
      <Button type="submit" disabled={pending}>
        {pending ? 'Creating your account…' : 'Create account'}
      </Button>
      <p className="text-center text-sm text-muted-foreground">
        Already have an account?{' '}
        <Link className="font-medium text-primary underline-offset-4 hover:underline" href={`/sign-in?next=${encodeURIComponent(next)}`}>
          Sign in
        </Link>
      </p>
    </form>
  );
}
