import { Workflow } from 'lucide-react';
import { Card, CardContent, CardDescription, CardHeader } from '@/components/ui/Card';

export function AuthCard({ title, description, children }: { title: string; description: string; children: React.ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center bg-muted/40 px-4">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-center justify-center gap-2 text-lg font-semibold">
          <Workflow className="size-6 text-primary" aria-hidden />
          Flowboard
        </div>
        <Card>
          <CardHeader>
            <h1 className="text-xl font-semibold leading-tight">{title}</h1>
            <CardDescription>{description}</CardDescription>
          </CardHeader>
          <CardContent>{children}</CardContent>
        </Card>
      </div>
    </main>
  );
}
