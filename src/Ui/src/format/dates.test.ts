import { describe, expect, it } from 'vitest';
import { formatAgo, formatDate, formatUtc } from './dates';

const now = Date.parse('2026-11-30T21:00:00Z');

describe('formatAgo', () => {
  it('says "just now" under a minute', () => expect(formatAgo('2026-11-30T20:59:30Z', now)).toBe('just now'));
  it('counts whole minutes, hours and days, singular for one', () => {
    expect(formatAgo('2026-11-30T20:59:00Z', now)).toBe('1 minute ago');
    expect(formatAgo('2026-11-30T18:00:00Z', now)).toBe('3 hours ago');
    expect(formatAgo('2026-11-28T20:00:00Z', now)).toBe('2 days ago');
    expect(formatAgo('2025-11-30T20:00:00Z', now)).toBe('1 year ago');
  });
  it('says "in …" for a date ahead of the reader\'s clock', () => expect(formatAgo('2026-11-30T23:00:00Z', now)).toBe('in 2 hours'));
  it('returns text that is not a date as it is', () => expect(formatAgo('yesterday', now)).toBe('yesterday'));
});

describe('formatUtc', () => {
  it('writes the instant in UTC to the minute', () => expect(formatUtc('2026-11-30T21:03:59.123+01:00')).toBe('2026-11-30 20:03 UTC'));
});

describe('formatDate', () => {
  it('shows a dash for a missing date and unparseable text as it is', () => {
    expect(formatDate(null)).toBe('—');
    expect(formatDate('not a date')).toBe('not a date');
  });
  it('formats the same instant the same way on every call (one cached formatter)', () => {
    const first = formatDate('2026-11-30T21:03:00Z');
    expect(first).toMatch(/2026|26/);
    expect(formatDate('2026-11-30T21:03:00Z')).toBe(first);
  });
});

describe('formatDate and Date.toLocaleString', () => {
  it('write the same text', () => {
    const iso = '2026-11-30T21:03:07Z';
    expect(formatDate(iso)).toBe(new Date(iso).toLocaleString());
  });
});
