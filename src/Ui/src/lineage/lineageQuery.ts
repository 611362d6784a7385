// The lineage page's data, kept out of its lazily loaded chunk: the app shell starts these requests on a route change
// while the page's code (React Flow, the layout) is still loading, instead of after it.
import type { QueryClient } from '@tanstack/react-query';
import { fetchLineage } from '../api/operations';
import type { LineageDirection } from '../api/types';
import { datasetQuery } from '../dataset/datasetQuery';

export const DIRECTIONS: LineageDirection[] = ['BOTH', 'UPSTREAM', 'DOWNSTREAM'];

/** A dataset's URN from its full name (the catalog derives one from the other: urn:tl:dataset:<name>). */
export const datasetUrn = (name: string) => `urn:tl:dataset:${name}`;

/** The lineage query the panel reads, so a page (or the app shell) can start it before the panel renders. */
export function lineageQuery(urn: string, direction: LineageDirection, depth: number, columns: boolean) {
  return {
    queryKey: ['lineage', urn, direction, depth, columns],
    queryFn: ({ signal }: { signal: AbortSignal }) => fetchLineage(urn, direction, depth, columns, signal),
  };
}

/** A lineage depth as the page accepts it: a whole number from 1 to 10. */
export const clampDepth = (value: number) => Math.min(10, Math.max(1, Math.round(value)));

/** The lineage page's settings from its query string: direction (BOTH), depth 1–10 (3), column mode. */
export function lineageSettings(params: URLSearchParams): { direction: LineageDirection; depth: number; columns: boolean } {
  const direction = (DIRECTIONS as string[]).includes(params.get('direction') ?? '') ? (params.get('direction') as LineageDirection) : 'BOTH';
  const depth = clampDepth(Number.parseInt(params.get('depth') ?? '3', 10) || 3);
  return { direction, depth, columns: params.get('columns') === '1' };
}

const LINEAGE_PATH = /^\/dataset\/([^/]+)\/lineage$/;

/**
 * Starts the requests a lineage page at this address will read: its dataset and (except in column mode, which asks
 * for more) its graph. Any other address starts nothing.
 */
export function prefetchLineagePage(queryClient: QueryClient, pathname: string, search: string): void {
  const match = LINEAGE_PATH.exec(pathname);
  if (!match) return;
  const name = decodeURIComponent(match[1]);
  const { direction, depth, columns } = lineageSettings(new URLSearchParams(search));
  void queryClient.prefetchQuery(datasetQuery(name));
  if (!columns) void queryClient.prefetchQuery(lineageQuery(datasetUrn(name), direction, depth, false));
}
