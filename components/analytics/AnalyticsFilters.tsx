'use client';
import { useId } from 'react';
import { ANALYTICS_CHANNELS } from '@/lib/analytics/analytics-api';
import { Input } from '@/components/ui/Input';
import { Label } from '@/components/ui/Label';
import { Select } from '@/components/ui/Select';
import { CHANNEL_LABELS, type AnalyticsSearch, type RangePreset } from './analytics-filters';

const RANGE_OPTIONS: { value: RangePreset; label: string }[] = [
  { value: '7d', label: 'Last 7 days' },
  { value: '30d', label: 'Last 30 days' },
  { value: '90d', label: 'Last 90 days' },
  { value: 'custom', label: 'Custom range' },
];

/** Period (presets or custom days) and channels; test chat is off unless ticked. */
export function AnalyticsFilters({ search, onChange }: { search: AnalyticsSearch; onChange: (next: AnalyticsSearch) => void }) {
  const id = useId();
  return (
    <form role="search" aria-label="Analytics filters" className="flex flex-wrap items-end gap-4 rounded-lg border bg-card p-3" onSubmit={(e) => e.preventDefault()}>
      <div className="grid gap-1.5">
        <Label htmlFor={`${id}-range`}>Period</Label>
        <Select id={`${id}-range`} className="w-40" value={search.range} onValueChange={(range) => onChange({ ...search, range: range as RangePreset })} options={RANGE_OPTIONS} />
      </div>
      {search.range === 'custom' && (
        <>
          <div className="grid gap-1.5">
            <Label htmlFor={`${id}-from`}>From</Label>
            <Input id={`${id}-from`} type="date" value={search.fromDay} max={search.toDay} onChange={(e) => e.target.value && onChange({ ...search, fromDay: e.target.value })} />
          </div>
          <div className="grid gap-1.5">
            <Label htmlFor={`${id}-to`}>To</Label>
            <Input id={`${id}-to`} type="date" value={search.toDay} min={search.fromDay} onChange={(e) => e.target.value && onChange({ ...search, toDay: e.target.value })} />
          </div>
        </>
      )}
      <fieldset className="grid gap-1.5">
        <legend className="mb-1.5 text-sm font-medium">Channels</legend>
        <div className="flex h-9 items-center gap-4">
          {ANALYTICS_CHANNELS.map((channel) => {
            const checked = search.channels.includes(channel);
            return (
              <label key={channel} className="flex items-center gap-1.5 text-sm">
                <input
                  type="checkbox"
                  className="size-4 accent-primary"
                  checked={checked}
                  // At least one channel stays on: an empty list would mean "the default" to the API.
                  disabled={checked && search.channels.length === 1}
                  onChange={() => onChange({ ...search, channels: checked ? search.channels.filter((c) => c !== channel) : [...search.channels, channel] })}
                />
                {CHANNEL_LABELS[channel]}
              </label>
            );
          })}
        </div>
      </fieldset>
    </form>
  );
}
