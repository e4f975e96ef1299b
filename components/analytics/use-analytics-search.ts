'use client';
import { usePathname, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import { periodOf, readAnalyticsSearch, writeAnalyticsSearch, type AnalyticsSearch } from './analytics-filters';

/** The dashboards' filters, read from and written to the URL (so a view can be shared and reloaded). */
export function useAnalyticsSearch() {
  const params = useSearchParams();
  const pathname = usePathname();
  const key = params.toString();
  const search = useMemo(() => readAnalyticsSearch(new URLSearchParams(key)), [key]);
  const period = useMemo(() => periodOf(search), [search]);
  const setSearch = useCallback(
    (next: AnalyticsSearch) => replaceUrl(`${pathname}?${writeAnalyticsSearch(next, new URLSearchParams(key)).toString()}`),
    [pathname, key],
  );
  /** Sets other search params (e.g. the open conversation), keeping the filters. */
  const setParam = useCallback(
    (name: string, value: string | null) => {
      const next = new URLSearchParams(key);
      if (value === null) next.delete(name);
      else next.set(name, value);
      replaceUrl(`${pathname}?${next.toString()}`);
    },
    [pathname, key],
  );
  return { search, period, setSearch, params: new URLSearchParams(key), setParam };
}

/**
 * The browser's own history API: Next syncs useSearchParams with it, and (unlike router.replace)
 * it does not fetch the page's server components again for a filter change.
 */
function replaceUrl(url: string) {
  window.history.replaceState(null, '', url);
}
