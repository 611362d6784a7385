import { describe, expect, it } from 'vitest';
import { parseSearchParams, toFilterInputs, toSearchParams, toggleFilter } from './urlState';

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
});
