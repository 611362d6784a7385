// Pure formatting shared by the governance and job pages (unit-tested in format.test.ts).

/** The query front's prefix of a masked value (QueryVisibility.MaskPrefix on the server). */
export const MASK_PREFIX = 'redacted:';

/** True for a value the query front redacted. */
export function isRedacted(value: unknown): boolean {
  return typeof value === 'string' && value.startsWith(MASK_PREFIX);
}

/** EMAIL → "e-mail", PERSON_NAME → "person name". */
export function categoryLabel(category: string): string {
  if (category === 'EMAIL') return 'e-mail';
  if (category === 'NONE') return 'not personal data';
  return category.toLowerCase().replace(/_/g, ' ');
}

/** 0.953 → "95%". */
export function percent(ratio: number): string {
  return `${Math.round(ratio * 100)}%`;
}

/** A run's duration: "850 ms", "12.4 s", "3 min 5 s", "2 h 4 min". */
export function formatDuration(ms: number | null | undefined): string {
  if (ms == null || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${Math.round(seconds - minutes * 60)} s`;
  const hours = Math.floor(minutes / 60);
  return `${hours} h ${minutes - hours * 60} min`;
}

/** Request and grant lengths as people say them: 60 → "1 hour", 1440 → "1 day", 90 → "90 minutes". */
export function durationLabel(minutes: number): string {
  if (minutes % 1440 === 0) return plural(minutes / 1440, 'day');
  if (minutes % 60 === 0) return plural(minutes / 60, 'hour');
  return plural(minutes, 'minute');
}

/** Time left until an expiry, e.g. "expires in 59 min", "expired". */
export function expiresIn(expiresAt: string, now: number = Date.now()): string {
  const left = Date.parse(expiresAt) - now;
  if (Number.isNaN(left)) return expiresAt;
  if (left <= 0) return 'expired';
  const minutes = Math.ceil(left / 60_000);
  if (minutes < 120) return `expires in ${plural(minutes, 'minute')}`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `expires in ${plural(hours, 'hour')}`;
  return `expires in ${plural(Math.round(hours / 24), 'day')}`;
}

/** The durations offered when asking for or granting access. */
export const DURATIONS = [60, 8 * 60, 24 * 60, 7 * 24 * 60, 30 * 24 * 60] as const;

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}
