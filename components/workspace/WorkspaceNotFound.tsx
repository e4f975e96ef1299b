import Link from 'next/link';
import { buttonVariants } from '@/components/ui/Button';

/** Shown when a workspace does not exist or the visitor is not (or no longer) a member. */
export function WorkspaceNotFound() {
  return (
    <div className="flex flex-col items-center justify-center gap-3 px-4 py-16 text-center">
      <h1 className="text-xl font-semibold">We could not find that page</h1>
      <p className="max-w-md text-sm text-muted-foreground">
        It may have been deleted, or it belongs to a workspace you are not a member of. Ask the workspace owner for an invite link.
      </p>
      <Link href="/" className={buttonVariants({ variant: 'outline' })}>
        Go to your workspace
      </Link>
    </div>
  );
}
