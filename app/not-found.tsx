import Link from 'next/link';
import { buttonVariants } from '@/components/ui/Button';

export default function NotFound() {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center gap-3 px-4 text-center">
      <h1 className="text-xl font-semibold">We could not find that page</h1>
      <p className="max-w-md text-sm text-muted-foreground">
        It may have been deleted, or it belongs to a workspace you are not a member of. Ask the workspace owner for an invite link.
      </p>
      <Link href="/" className={buttonVariants({ variant: 'outline' })}>
        Go to your workspace
      </Link>
    </main>
  );
}
