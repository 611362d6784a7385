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

/** Facet and highlight field names as people read them; the API's names otherwise. */
const FIELD_LABELS: Record<string, string> = {
  type: 'Type', platform: 'Platform', catalog: 'Source', schema: 'Schema', domain: 'Domain', tag: 'Tag', owner: 'Owner',
  glossaryTerm: 'Glossary term', columnDescription: 'column description', glossaryterm: 'glossary term',
};
const fieldLabel = (field: string) => FIELD_LABELS[field] ?? field;
const typeLabel = (type: string) => type.toLowerCase().replace('_', ' ');

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
          {results.data?.facets.filter((f) => f.values.length > 0).map((facet) => (
            <fieldset key={facet.field}>
              <legend>{fieldLabel(facet.field)}</legend>
              {facet.values.map((v) => (
                <label key={v.value} data-testid="facet" data-field={facet.field} data-value={v.value}>
                  <input type="checkbox" checked={isFilterActive(state, facet.field, v.value)} onChange={() => update(toggleFilter(state, facet.field, v.value))} />
                  {facet.field === 'type' ? typeLabel(v.value) : v.value} <span className="count">{v.count}</span>
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

/** Highlights render as text with marked words; the catalog's own URNs read better as names. */
function Snippet({ snippet }: { snippet: string }) {
  return <>{snippetParts(snippet.replace(/urn:tl:dataset:/g, '')).map((part, j) => (part.marked ? <mark key={j}>{part.text}</mark> : <span key={j}>{part.text}</span>))}</>;
}

function ResultItem({ result }: { result: SearchResult }) {
  const entity = result.entity;
  const text = entity.description ?? entity.definition ?? '';
  // A match in the description is shown in place of the description rather than repeated below it.
  const described = result.highlights.find((h) => h.field === 'description' || h.field === 'definition');
  const highlights = result.highlights.filter((h) => h !== described);
  return (
    <li className="card" data-testid="search-result">
      <Link className="card-title" to={entityPath(entity.type, entity.name)}>{entity.name}</Link>
      <span className="badge">{typeLabel(entity.type)}</span>
      {entity.platform && <span className="muted small"> {entity.platform}</span>}
      {described ? <p className="muted clamp"><Snippet snippet={described.snippet} /></p> : text && <p className="muted clamp">{text}</p>}
      {highlights.length > 0 ? (
        <ul className="highlights" aria-label="Why this matched">
          {highlights.slice(0, 3).map((h, i) => (
            <li key={i}>
              <span className="muted small">{fieldLabel(h.field)}: </span>
              <Snippet snippet={h.snippet} />
            </li>
          ))}
        </ul>
      ) : !described && result.matchedFields.length > 0 ? (
        <p className="small muted">Matched on {result.matchedFields.map(fieldLabel).join(', ')}</p>
      ) : null}
    </li>
  );
}
