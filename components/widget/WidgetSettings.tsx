'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { ArrowLeft, Check, ClipboardCopy, Plus, Trash2 } from 'lucide-react';
import Link from 'next/link';
import { useEffect, useId, useState } from 'react';
import { toast } from 'sonner';
import { useTRPC } from '@/components/providers/trpc';
import { Badge } from '@/components/ui/Badge';
import { Button } from '@/components/ui/Button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/Card';
import { Field } from '@/components/ui/Field';
import { FormAlert } from '@/components/ui/FormAlert';
import { Input } from '@/components/ui/Input';
import { Select } from '@/components/ui/Select';
import { useWorkspaceRole } from '@/components/workspace/use-workspace-role';
import { allowedOriginSchema, widgetEmbedSnippet, widgetThemeSchema, type WidgetTheme } from '@/lib/widget/widget-theme';
import { WidgetPreview } from './WidgetPreview';

/**
 * "Install on your website": the embed snippet, the websites allowed to use the bot, and the
 * widget's look with a live preview. Saved looks apply on every site at once, without publishing.
 */
export function WidgetSettings({ workspaceId, botId, appUrl }: { workspaceId: string; botId: string; appUrl: string }) {
  const trpc = useTRPC();
  const { can } = useWorkspaceRole(workspaceId);
  const editable = can('bots:edit');
  const bot = useQuery(trpc.bot.get.queryOptions({ workspaceId, botId }));
  const settings = useQuery(trpc.bot.getWidgetSettings.queryOptions({ workspaceId, botId }));
  const [theme, setTheme] = useState<WidgetTheme | null>(null);
  const [origins, setOrigins] = useState<string[]>([]);
  const [newOrigin, setNewOrigin] = useState('');
  const [originError, setOriginError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const ids = useId();
  const save = useMutation(
    trpc.bot.updateWidgetSettings.mutationOptions({
      onSuccess: async () => {
        await settings.refetch();
        toast.success('Widget settings saved. Websites show them from their next visit.');
      },
    }),
  );

  useEffect(() => {
    if (settings.data) {
      setTheme(settings.data.theme);
      setOrigins(settings.data.allowedOrigins);
    }
  }, [settings.data]);

  if (settings.error) return <FormAlert message={settings.error.message} />;
  if (!settings.data || !theme) return <p role="status">Loading widget settings…</p>;

  const snippet = widgetEmbedSnippet(appUrl, settings.data.publicId);
  const parsedTheme = widgetThemeSchema.safeParse(theme);
  const themeErrors = parsedTheme.success ? {} : Object.fromEntries(parsedTheme.error.issues.map((issue) => [String(issue.path[0]), issue.message]));
  const set = <K extends keyof WidgetTheme>(key: K, value: WidgetTheme[K]) => setTheme({ ...theme, [key]: value });

  const addOrigin = () => {
    const parsed = allowedOriginSchema.safeParse(newOrigin);
    if (!parsed.success) {
      setOriginError(parsed.error.issues[0]?.message ?? 'Use an origin like https://www.example.com');
      return;
    }
    setOriginError(null);
    if (!origins.includes(parsed.data)) setOrigins([...origins, parsed.data]);
    setNewOrigin('');
  };

  const copy = async () => {
    await navigator.clipboard.writeText(snippet);
    setCopied(true);
    toast.success('Snippet copied');
    setTimeout(() => setCopied(false), 2000);
  };

  return (
    <div className="grid gap-6">
      <header className="flex flex-wrap items-center gap-3">
        <Button asChild variant="ghost" size="sm">
          <Link href={`/w/${workspaceId}/bots/${botId}`}>
            <ArrowLeft aria-hidden />
            Editor
          </Link>
        </Button>
        <h1 className="text-xl font-semibold tracking-tight">Install {bot.data?.name ?? 'the bot'} on your website</h1>
        {settings.data.published ? <Badge variant="success">Live</Badge> : <Badge variant="muted">Not published</Badge>}
      </header>
      {!settings.data.published && <FormAlert message="Publish the bot first: the widget talks to the published version only." />}

      <Card>
        <CardHeader>
          <CardTitle className="text-base">Embed code</CardTitle>
          <CardDescription>
            Paste this tag before <code>&lt;/body&gt;</code> on every page that should show the chat. Add <code>data-mode=&quot;inline&quot; data-container=&quot;#chat&quot;</code> to
            show it inside an element, or <code>data-mode=&quot;popup&quot;</code> to open it only from <code>window.Flowboard.open()</code>.
          </CardDescription>
        </CardHeader>
        <CardContent className="flex flex-wrap items-start gap-2">
          <pre aria-label="Embed code" className="min-w-0 flex-1 overflow-x-auto rounded-md bg-muted p-3 text-sm">
            <code>{snippet}</code>
          </pre>
          <Button variant="outline" onClick={() => void copy()}>
            {copied ? <Check aria-hidden /> : <ClipboardCopy aria-hidden />}
            Copy embed code
          </Button>
        </CardContent>
      </Card>

      <form
        className="grid gap-6 lg:grid-cols-[1fr_24rem]"
        onSubmit={(event) => {
          event.preventDefault();
          if (!parsedTheme.success) return;
          save.mutate({ workspaceId, botId, allowedOrigins: origins, theme: parsedTheme.data });
        }}
      >
        <div className="grid gap-6">
          <Card>
            <CardHeader>
              <CardTitle className="text-base">Allowed websites</CardTitle>
              <CardDescription>Only pages on these origins may start conversations with this bot. Flowboard itself is always allowed.</CardDescription>
            </CardHeader>
            <CardContent className="grid gap-3">
              {origins.length === 0 && <p className="text-sm text-muted-foreground">No websites yet.</p>}
              {origins.length > 0 && (
                <ul aria-label="Allowed websites" className="grid gap-2">
                  {origins.map((origin) => (
                    <li key={origin} className="flex items-center justify-between gap-2 rounded-md border px-3 py-1.5 text-sm">
                      <span className="truncate">{origin}</span>
                      {editable && (
                        <Button type="button" variant="ghost" size="icon" aria-label={`Remove ${origin}`} onClick={() => setOrigins(origins.filter((o) => o !== origin))}>
                          <Trash2 />
                        </Button>
                      )}
                    </li>
                  ))}
                </ul>
              )}
              {editable && (
                <div className="flex items-end gap-2">
                  <div className="flex-1">
                    <Field id={`${ids}-origin`} label="Website origin" hint="Like https://www.example.com — scheme, host and port, no path." error={originError}>
                      <Input
                        value={newOrigin}
                        onChange={(event) => setNewOrigin(event.target.value)}
                        onKeyDown={(event) => {
                          if (event.key === 'Enter') {
                            event.preventDefault();
                            addOrigin();
                          }
                        }}
                      />
                    </Field>
                  </div>
                  <Button type="button" variant="outline" className="mb-6" onClick={addOrigin}>
                    <Plus aria-hidden />
                    Add website
                  </Button>
                </div>
              )}
            </CardContent>
          </Card>

          <Card>
            <CardHeader>
              <CardTitle className="text-base">Look</CardTitle>
              <CardDescription>Applies to every website at once, without publishing again.</CardDescription>
            </CardHeader>
            <CardContent className="grid gap-4 sm:grid-cols-2">
              <Field id={`${ids}-title`} label="Title" error={themeErrors.title}>
                <Input value={theme.title} maxLength={60} disabled={!editable} onChange={(e) => set('title', e.target.value)} />
              </Field>
              <Field id={`${ids}-launcher`} label="Launcher text" hint="Shown beside the chat icon; empty for the icon only." error={themeErrors.launcherText}>
                <Input value={theme.launcherText} maxLength={40} disabled={!editable} onChange={(e) => set('launcherText', e.target.value)} />
              </Field>
              <Field id={`${ids}-accent`} label="Accent colour" error={themeErrors.accentColour}>
                <Input type="color" className="h-9 w-24 p-1" value={theme.accentColour} disabled={!editable} onChange={(e) => set('accentColour', e.target.value)} />
              </Field>
              <Field id={`${ids}-accent-text`} label="Text on accent colour" error={themeErrors.accentTextColour}>
                <Input type="color" className="h-9 w-24 p-1" value={theme.accentTextColour} disabled={!editable} onChange={(e) => set('accentTextColour', e.target.value)} />
              </Field>
              <div className="sm:col-span-2">
                <Field id={`${ids}-greeting`} label="Greeting" hint="A line above the conversation, before the bot's own first message." error={themeErrors.greeting}>
                  <Input value={theme.greeting} maxLength={300} disabled={!editable} onChange={(e) => set('greeting', e.target.value)} />
                </Field>
              </div>
              <div className="sm:col-span-2">
                <Field id={`${ids}-avatar`} label="Avatar image address" hint="An https:// image; empty for none." error={themeErrors.avatarUrl}>
                  <Input value={theme.avatarUrl} maxLength={500} disabled={!editable} onChange={(e) => set('avatarUrl', e.target.value.trim())} />
                </Field>
              </div>
              <div className="grid gap-1.5">
                <label htmlFor={`${ids}-position`} className="text-sm font-medium">
                  Position
                </label>
                <Select
                  id={`${ids}-position`}
                  value={theme.position}
                  disabled={!editable}
                  onValueChange={(value) => set('position', value as WidgetTheme['position'])}
                  options={[
                    { value: 'right', label: 'Bottom right' },
                    { value: 'left', label: 'Bottom left' },
                  ]}
                />
              </div>
              <div className="grid gap-1.5">
                <label htmlFor={`${ids}-rating`} className="text-sm font-medium">
                  Rating at the end
                </label>
                <Select
                  id={`${ids}-rating`}
                  value={theme.rating}
                  disabled={!editable}
                  onValueChange={(value) => set('rating', value as WidgetTheme['rating'])}
                  options={[
                    { value: 'thumbs', label: 'Thumbs up or down' },
                    { value: 'stars', label: '1 to 5' },
                  ]}
                />
              </div>
            </CardContent>
          </Card>
          {save.error && <FormAlert message={save.error.message} />}
          {editable && (
            <div>
              <Button type="submit" disabled={save.isPending || !parsedTheme.success}>
                {save.isPending ? 'Saving…' : 'Save widget settings'}
              </Button>
            </div>
          )}
        </div>
        <aside aria-label="Preview" className="lg:sticky lg:top-4 lg:self-start">
          <WidgetPreview theme={parsedTheme.success ? parsedTheme.data : theme} />
        </aside>
      </form>
    </div>
  );
}
