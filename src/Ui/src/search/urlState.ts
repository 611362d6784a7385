// Search state lives in the URL (/search?q=…&f=field:value&type=DATASET&after=…) so every
// result page can be bookmarked and shared.
import type { SearchFilterInput } from '../api/operations';

export interface SearchState {
  q: string;
  filters: Record<string, string[]>;
  types: string[];
  after: string | null;
}

export function parseSearchParams(params: URLSearchParams): SearchState {
  const filters: Record<string, string[]> = {};
  for (const raw of params.getAll('f')) {
    const colon = raw.indexOf(':');
    if (colon <= 0) continue;
    const field = raw.slice(0, colon);
    const value = raw.slice(colon + 1);
    if (!value) continue;
    const values = (filters[field] ??= []);
    if (!values.includes(value)) values.push(value);
  }
  return { q: params.get('q') ?? '', filters, types: params.getAll('type'), after: params.get('after') || null };
}

export function toSearchParams(state: SearchState): URLSearchParams {
  const params = new URLSearchParams();
  params.set('q', state.q);
  for (const field of Object.keys(state.filters).sort()) {
    for (const value of state.filters[field]) params.append('f', `${field}:${value}`);
  }
  for (const type of state.types) params.append('type', type);
  if (state.after) params.set('after', state.after);
  return params;
}

/** Turns a facet value on or off; any change of filters starts again at the first page. */
export function toggleFilter(state: SearchState, field: string, value: string): SearchState {
  const current = state.filters[field] ?? [];
  const values = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
  const filters = { ...state.filters };
  if (values.length > 0) filters[field] = values;
  else delete filters[field];
  return { ...state, filters, after: null };
}

export function isFilterActive(state: SearchState, field: string, value: string): boolean {
  return state.filters[field]?.includes(value) ?? false;
}

export function toFilterInputs(state: SearchState): SearchFilterInput[] {
  return Object.entries(state.filters).map(([field, values]) => ({ field, values }));
}

export function hasFilters(state: SearchState): boolean {
  return Object.keys(state.filters).length > 0 || state.types.length > 0;
}

/** Drops every filter and type, keeps the words. */
export function clearFilters(state: SearchState): SearchState {
  return { ...state, filters: {}, types: [], after: null };
}
