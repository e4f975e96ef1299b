'use client';
import { BarChart3, Bot, Inbox, LogOut, MessagesSquare, Settings, UserRound, Workflow } from 'lucide-react';
import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { authClient } from '@/components/providers/auth-client';
import { Button } from '@/components/ui/Button';
import { cn } from '@/components/ui/cn';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/DropdownMenu';
import { useInboxQueue } from '@/components/inbox/use-inbox-queue';
import { useWorkspaceRole } from './use-workspace-role';
import { WorkspaceNotFound } from './WorkspaceNotFound';
import { WorkspaceSwitcher } from './WorkspaceSwitcher';

/** The frame around every workspace page: switcher, navigation, account menu. */
export function AppShell({
  workspaceId,
  user,
  children,
}: {
  workspaceId: string;
  user: { name: string; email: string };
  children: React.ReactNode;
}) {
  const pathname = usePathname();
  // The bot editor is a workspace of its own: it gets the whole width of the screen.
  const isEditor = /\/bots\/[^/]+$/.test(pathname);
  const router = useRouter();
  // Removed from the workspace while a page was open (or a stale link): say so, once, for the page.
  const { workspace, can } = useWorkspaceRole(workspaceId);
  const inbox = can('inbox:work');
  const { waiting } = useInboxQueue(workspaceId, inbox);
  const notMember = (workspace.error?.data as { code?: string } | undefined)?.code === 'NOT_FOUND';
  const nav = [
    { href: `/w/${workspaceId}`, label: 'Bots', icon: Bot, exact: true },
    ...(inbox ? [{ href: `/w/${workspaceId}/inbox`, label: 'Inbox', icon: Inbox, exact: false, count: waiting }] : []),
    ...(can('analytics:read')
      ? [
          { href: `/w/${workspaceId}/analytics`, label: 'Analytics', icon: BarChart3, exact: false },
          { href: `/w/${workspaceId}/transcripts`, label: 'Transcripts', icon: MessagesSquare, exact: false },
        ]
      : []),
    { href: `/w/${workspaceId}/settings`, label: 'Settings', icon: Settings, exact: false },
  ];

  async function signOut() {
    await authClient.signOut();
    router.replace('/sign-in');
    router.refresh();
  }

  return (
    <div className="flex min-h-screen flex-col">
      <header className="sticky top-0 z-40 border-b bg-background/95 backdrop-blur">
        <div className={cn('mx-auto flex h-14 items-center gap-4 px-4', isEditor ? 'max-w-none' : 'max-w-6xl')}>
          <Link href="/" className="flex items-center gap-2 font-semibold" aria-label="Flowboard home">
            <Workflow className="size-5 text-primary" aria-hidden />
            <span className="hidden sm:inline">Flowboard</span>
          </Link>
          <WorkspaceSwitcher workspaceId={workspaceId} />
          <nav aria-label="Workspace" className="flex items-center gap-1">
            {nav.map(({ href, label, icon: Icon, exact, count }) => {
              const active = exact ? pathname === href : pathname.startsWith(href);
              return (
                <Link
                  key={href}
                  href={href}
                  aria-current={active ? 'page' : undefined}
                  className={cn(
                    'flex items-center gap-1.5 rounded-md px-3 py-1.5 text-sm text-muted-foreground transition-colors hover:bg-accent hover:text-foreground',
                    active && 'bg-accent font-medium text-foreground',
                  )}
                >
                  <Icon className="size-4" aria-hidden />
                  {label}
                  {count ? (
                    <span className="rounded-full bg-primary px-1.5 text-xs font-semibold text-primary-foreground" aria-label={`${count} waiting`} data-testid="inbox-badge">
                      {count}
                    </span>
                  ) : null}
                </Link>
              );
            })}
          </nav>
          <div className="ml-auto">
            <DropdownMenu>
              <DropdownMenuTrigger asChild>
                <Button variant="ghost" size="icon" aria-label="Account menu">
                  <UserRound />
                </Button>
              </DropdownMenuTrigger>
              <DropdownMenuContent align="end">
                <DropdownMenuLabel>
                  <span className="block text-sm font-medium text-foreground">{user.name}</span>
                  <span className="block">{user.email}</span>
                </DropdownMenuLabel>
                <DropdownMenuSeparator />
                <DropdownMenuItem onSelect={() => void signOut()}>
                  <LogOut aria-hidden />
                  Sign out
                </DropdownMenuItem>
              </DropdownMenuContent>
            </DropdownMenu>
          </div>
        </div>
      </header>
      <main className={cn('mx-auto w-full flex-1 px-4', isEditor ? 'max-w-none py-3' : 'max-w-6xl py-8')}>{notMember ? <WorkspaceNotFound /> : children}</main>
    </div>
  );
}
