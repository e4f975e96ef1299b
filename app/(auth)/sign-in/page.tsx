import type { Metadata } from 'next';
import { Suspense } from 'react';
import { AuthCard } from '@/components/auth/AuthCard';
import { SignInForm } from '@/components/auth/SignInForm';

export const metadata: Metadata = { title: 'Sign in' };

export default function SignInPage() {
  return (
    <AuthCard title="Sign in" description="Welcome back. Sign in to your workspace.">
      <Suspense>
        <SignInForm />
      </Suspense>
    </AuthCard>
  );
}
