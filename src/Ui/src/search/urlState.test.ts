import { describe, expect, it } from 'vitest';
import { clearFilters, hasFilters, parseSearchParams, toFilterInputs, toSearchParams, toggleFilter } from './urlState';

describe('search URL state', () => {
  it('round-trips query, filters, types and cursor through the URL', () => {
    const state = { q: 'billing accounts', filters: { tag: ['pii', 'curated'], platform: ['duckdb'] }, types: ['DATASET'], after: 'abc' };
    const parsed = parseSearchParams(new URLSearchParams(toSearchParams(state).toString()));
    expect(parsed).toEqual(state);
  });

  it('ignores malformed filter parameters', () => {
    const parsed = parseSearchParams(new URLSearchParams('q=x&f=nocolon&f=:value&f=tag:&f=tag:pii&f=tag:pii'));
    expect(parsed.filters).toEqual({ tag: ['pii'] });
  });

  it('keeps a colon inside a filter value', () => {
    expect(parseSearchParams(new URLSearchParams('f=owner:urn:li:corpuser:ana')).filters).toEqual({ owner: ['urn:li:corpuser:ana'] });
  });

  it('toggling a facet adds then removes it and resets paging', () => {
    const start = { q: 'x', filters: {}, types: [], after: 'cursor' };
    const on = toggleFilter(start, 'tag', 'pii');
    expect(on.filters).toEqual({ tag: ['pii'] });
    expect(on.after).toBeNull();
    expect(toggleFilter(on, 'tag', 'pii').filters).toEqual({});
  });

  it('maps filters onto the API input', () => {
    expect(toFilterInputs({ q: '', filters: { tag: ['a', 'b'] }, types: [], after: null })).toEqual([{ field: 'tag', values: ['a', 'b'] }]);
  });

  it('keeps several values of one facet and clears them all at once, keeping the words', () => {
    let state = parseSearchParams(new URLSearchParams('q=revenue'));
    state = toggleFilter(toggleFilter(state, 'platform', 'duckdb'), 'platform', 'postgres');
    expect(toFilterInputs(state)).toEqual([{ field: 'platform', values: ['duckdb', 'postgres'] }]);
    expect(hasFilters(state)).toBe(true);
    const cleared = clearFilters({ ...state, types: ['DATASET'], after: 'x' });
    expect(cleared).toEqual({ q: 'revenue', filters: {}, types: [], after: null });
    expect(hasFilters(cleared)).toBe(false);
  });
});
