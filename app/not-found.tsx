import { WorkspaceNotFound } from '@/components/workspace/WorkspaceNotFound';

export default function NotFound() {
  return (
    <main className="flex min-h-screen items-center justify-center">
      <WorkspaceNotFound />
    </main>
  );
}
