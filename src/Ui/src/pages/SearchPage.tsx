import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { search } from '../api/operations';
import type { SearchResult } from '../api/types';
import { entityPath } from '../components/entityPath';
import { Empty, ErrorNotice, Loading } from '../components/States';
import { usePageTitle } from '../components/usePageTitle';
import { snippetParts } from '../search/snippet';
import { isFilterActive, parseSearchParams, toFilterInputs, toSearchParams, toggleFilter, type SearchState } from '../search/urlState';

const PAGE_SIZE = 20;
const TYPES = ['DATASET', 'GLOSSARY_TERM', 'TAG'];

export function SearchPage() {
  const [params, setParams] = useSearchParams();
  const state = parseSearchParams(params);
  usePageTitle(state.q ? `Search: ${state.q}` : 'Search');
  const update = (next: SearchState) => setParams(toSearchParams(next));

  const results = useQuery({
    queryKey: ['search', params.toString()],
    queryFn: ({ signal }) => search(state.q || '*', toFilterInputs(state), state.types, PAGE_SIZE, state.after, signal),
    placeholderData: keepPreviousData,
  });

  return (
    <section className="search-page">
      <h1>{state.q && state.q !== '*' ? <>Results for “{state.q}”</> : 'All entities'}</h1>
      <div className="search-layout">
        <aside aria-label="Filters" className="facets">
          <fieldset className="type-filter">
            <legend>Type</legend>
            {TYPES.map((type) => (
              <label key={type}>
                <input
                  type="checkbox"
                  checked={state.types.includes(type)}
                  onChange={() => update({ ...state, after: null, types: state.types.includes(type) ? state.types.filter((t) => t !== type) : [...state.types, type] })}
                />
                {type.toLowerCase().replace('_', ' ')}
              </label>
            ))}
          </fieldset>
          {results.data?.facets.filter((f) => f.values.length > 0).map((facet) => (
            <fieldset key={facet.field}>
              <legend>{facet.field}</legend>
              {facet.values.map((v) => (
                <label key={v.value} data-testid="facet" data-field={facet.field} data-value={v.value}>
                  <input type="checkbox" checked={isFilterActive(state, facet.field, v.value)} onChange={() => update(toggleFilter(state, facet.field, v.value))} />
                  {v.value} <span className="count">{v.count}</span>
                </label>
              ))}
            </fieldset>
          ))}
        </aside>
        <div className="results">
          {results.isPending && <Loading what="results" />}
          {results.isError && <ErrorNotice error={results.error} what="search results" />}
          {results.data && (
            <>
              <p className="muted" role="status">{results.data.total} {results.data.total === 1 ? 'result' : 'results'}</p>
              {results.data.results.length === 0 ? (
                <Empty>No results match{state.q ? <> “{state.q}”</> : null}{Object.keys(state.filters).length ? ' with these filters' : ''}. Try fewer words or remove a filter.</Empty>
              ) : (
                <ol className="result-list">
                  {results.data.results.map((r) => <ResultItem key={r.entity.urn} result={r} />)}
                </ol>
              )}
              <nav className="pager" aria-label="Result pages">
                {state.after && <button type="button" onClick={() => update({ ...state, after: null })}>First page</button>}
                {results.data.nextCursor && <button type="button" onClick={() => update({ ...state, after: results.data.nextCursor! })}>Next page</button>}
              </nav>
            </>
          )}
        </div>
      </div>
    </section>
  );
}

function ResultItem({ result }: { result: SearchResult }) {
  const entity = result.entity;
  const text = entity.description ?? entity.definition ?? '';
  return (
    <li className="card" data-testid="search-result">
      <Link className="card-title" to={entityPath(entity.type, entity.name)}>{entity.name}</Link>
      <span className="badge">{entity.type.toLowerCase().replace('_', ' ')}</span>
      {entity.platform && <span className="muted small"> {entity.platform}</span>}
      {text && <p className="muted clamp">{text}</p>}
      {result.highlights.length > 0 ? (
        <ul className="highlights" aria-label="Why this matched">
          {result.highlights.slice(0, 3).map((h, i) => (
            <li key={i}>
              <span className="muted small">{h.field}: </span>
              {snippetParts(h.snippet).map((part, j) => (part.marked ? <mark key={j}>{part.text}</mark> : <span key={j}>{part.text}</span>))}
            </li>
          ))}
        </ul>
      ) : result.matchedFields.length > 0 ? (
        <p className="small muted">Matched on {result.matchedFields.join(', ')}</p>
      ) : null}
    </li>
  );
}
