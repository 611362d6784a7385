// Dates as people read them. The first Intl.DateTimeFormat a page creates makes V8 set up ICU's date patterns and time
// zone (measured at 75–300 ms on the home page by bench/UiBench --detail), so the one formatter is created on first use
// and then reused, and the home page's "recently changed" list, which only needs "how long ago", uses no Intl at all.

let dateTime: Intl.DateTimeFormat | undefined;

/** A date and time in the reader's locale and time zone, as Date.toLocaleString writes it ("11/30/2026, 9:03:00 PM"); "—" when missing. */
export function formatDate(iso?: string | null): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  dateTime ??= new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
  return dateTime.format(date);
}

const UNITS: readonly (readonly [string, number])[] = [
  ['year', 365 * 24 * 3600_000],
  ['month', 30 * 24 * 3600_000],
  ['week', 7 * 24 * 3600_000],
  ['day', 24 * 3600_000],
  ['hour', 3600_000],
  ['minute', 60_000],
];

/** How long ago, in whole units ("just now", "1 minute ago", "3 days ago", "in 2 hours" for a clock ahead of ours). */
export function formatAgo(iso: string, now: number = Date.now()): string {
  const at = new Date(iso).getTime();
  if (Number.isNaN(at)) return iso;
  const elapsed = now - at;
  for (const [unit, size] of UNITS) {
    const count = Math.floor(Math.abs(elapsed) / size);
    if (count >= 1) {
      const amount = `${count} ${unit}${count === 1 ? '' : 's'}`;
      return elapsed >= 0 ? `${amount} ago` : `in ${amount}`;
    }
  }
  return 'just now';
}

/** The exact instant in UTC, written without Intl ("2026-11-30 21:03 UTC"): the tooltip of a relative date. */
export function formatUtc(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
