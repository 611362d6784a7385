import type { AuditFilter } from '../api/governance';
import type { GovernanceEventKind } from '../api/governanceTypes';

/** Every kind of audit entry, in the schema's order (the kind filter's options). */
export const EVENT_KINDS: readonly GovernanceEventKind[] = [
  'DATASET_REGISTERED', 'COLUMN_REGISTERED', 'DATASET_REVIEWED', 'COLUMN_REVIEWED', 'COLUMN_CLASSIFIED', 'SCANNER_FINDINGS',
  'GRANTED', 'REVOKED', 'REQUESTED', 'REQUEST_APPROVED', 'REQUEST_DENIED', 'PII_UNLOCKED', 'QUERY_REFUSED',
];

/**
 * The audit page's filter lives in the URL (?user=&dataset=&kind=&from=&to=) so a filtered trail can be linked to.
 * from/to are local date-times as an <input type="datetime-local"> gives them; anything malformed is dropped.
 */
export function parseAuditParams(params: URLSearchParams): AuditFilter {
  const text = (key: string) => params.get(key)?.trim().slice(0, 256) || null;
  const kind = params.get('kind');
  return {
    user: text('user'),
    dataset: text('dataset'),
    kind: kind && (EVENT_KINDS as readonly string[]).includes(kind) ? (kind as GovernanceEventKind) : null,
    from: localTime(params.get('from')),
    to: localTime(params.get('to')),
  };
}

export function toAuditParams(filter: AuditFilter): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of ['user', 'dataset', 'kind', 'from', 'to'] as const) {
    const value = filter[key];
    if (value) params.set(key, value);
  }
  return params;
}

/** The filter as the API takes it: local date-times become UTC instants. */
export function toApiFilter(filter: AuditFilter): AuditFilter {
  const iso = (value: string | null | undefined) => (value ? new Date(value).toISOString() : null);
  return { ...filter, from: iso(filter.from), to: iso(filter.to) };
}

function localTime(value: string | null): string | null {
  if (!value || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null;
  return Number.isNaN(new Date(value).getTime()) ? null : value;
}
