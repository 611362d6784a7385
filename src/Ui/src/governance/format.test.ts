import { describe, expect, it } from 'vitest';
import { categoryLabel, durationLabel, expiresIn, formatDuration, isRedacted, percent } from './format';

describe('governance formatting', () => {
  it('recognises only values the query front masked', () => {
    expect(isRedacted('redacted:9f2c01')).toBe(true);
    expect(isRedacted('ana@example.com')).toBe(false);
    expect(isRedacted('not redacted:x')).toBe(false);
    expect(isRedacted(42)).toBe(false);
    expect(isRedacted(null)).toBe(false);
  });

  it('reads categories as words', () => {
    expect(categoryLabel('PERSON_NAME')).toBe('person name');
    expect(categoryLabel('EMAIL')).toBe('e-mail');
    expect(categoryLabel('NONE')).toBe('not personal data');
    expect(percent(0.953)).toBe('95%');
  });

  it('formats run durations at a readable scale', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(12_400)).toBe('12 s');
    expect(formatDuration(4_250)).toBe('4.3 s');
    expect(formatDuration(185_000)).toBe('3 min 5 s');
    expect(formatDuration(7_440_000)).toBe('2 h 4 min');
  });

  it('names request durations in the largest whole unit', () => {
    expect(durationLabel(60)).toBe('1 hour');
    expect(durationLabel(480)).toBe('8 hours');
    expect(durationLabel(1440)).toBe('1 day');
    expect(durationLabel(90)).toBe('90 minutes');
  });

  it('says how long a grant has left, and when it has run out', () => {
    const now = Date.parse('2026-01-01T12:00:00Z');
    expect(expiresIn('2026-01-01T13:00:00Z', now)).toBe('expires in 60 minutes');
    expect(expiresIn('2026-01-02T12:00:00Z', now)).toBe('expires in 24 hours');
    expect(expiresIn('2026-01-11T12:00:00Z', now)).toBe('expires in 10 days');
    expect(expiresIn('2026-01-01T11:59:00Z', now)).toBe('expired');
  });
});
