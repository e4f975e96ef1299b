'use client';
import { BarChart3 } from 'lucide-react';
import Link from 'next/link';
import { Button } from '@/components/ui/Button';
import { Select } from '@/components/ui/Select';
import { useWorkspaceRole } from '@/components/workspace/use-workspace-role';
import type { AnalyticsOverlay, OverlayDays } from './use-analytics-overlay';

/** The editor header's "Analytics" toggle, the overlay's period, what it shows, and a link to the dashboard. */
export function AnalyticsOverlayControls({ overlay, workspaceId, botId }: { overlay: AnalyticsOverlay; workspaceId: string; botId: string }) {
  const { on, setOn, days, setDays, versionNumber, setVersionNumber, versions, traffic } = overlay;
  const { can } = useWorkspaceRole(workspaceId);
  // Agents answer handoffs but do not read analytics: no toggle that could only fail for them.
  if (!can('analytics:read')) return null;
  return (
    <div className="flex items-center gap-2">
      <Button variant={on ? 'secondary' : 'outline'} aria-pressed={on} onClick={() => setOn(!on)} title="Show traffic and drop-off of the published version on the canvas">
        <BarChart3 aria-hidden />
        Analytics
      </Button>
      {on && (
        <>
          <Select
            aria-label="Analytics period"
            className="w-36 whitespace-nowrap"
            value={String(days)}
            onValueChange={(v) => setDays(Number(v) as OverlayDays)}
            options={[
              { value: '7', label: 'Last 7 days' },
              { value: '30', label: 'Last 30 days' },
              { value: '90', label: 'Last 90 days' },
            ]}
          />
          {(versions.data?.length ?? 0) > 1 && (
            <Select
              aria-label="Published version"
              className="w-32 whitespace-nowrap"
              value={versionNumber ? String(versionNumber) : 'live'}
              onValueChange={(v) => setVersionNumber(v === 'live' ? undefined : Number(v))}
              options={[{ value: 'live', label: 'Live version' }, ...(versions.data ?? []).map((v) => ({ value: String(v.number), label: `Version ${v.number}` }))]}
            />
          )}
          <span role="status" aria-live="polite" className="max-w-56 text-xs text-muted-foreground">
            {traffic.error
              ? `Could not load traffic: ${traffic.error.message}`
              : !traffic.data
                ? 'Loading traffic…'
                : traffic.data.versionNumber === null
                  ? 'Publish the bot to see its traffic.'
                  : `v${traffic.data.versionNumber}: ${traffic.data.conversations} conversation${traffic.data.conversations === 1 ? '' : 's'}`}
          </span>
        </>
      )}
      <Button asChild variant="ghost" size="icon">
        <Link href={`/w/${workspaceId}/bots/${botId}/analytics`} aria-label="Analytics dashboard" title="Analytics dashboard">
          <BarChart3 aria-hidden className="text-primary" />
        </Link>
      </Button>
    </div>
  );
}
