import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import ReactMarkdown from 'react-markdown';
import { Link, useSearchParams } from 'react-router';
import { search } from '../api/operations';
import type { SearchResult } from '../api/types';
import { entityPath } from '../components/entityPath';
import { PlatformIcon, PrincipalIcon } from '../components/Icons';
import { Empty, ErrorNotice, Loading } from '../components/States';
import { usePageTitle } from '../components/usePageTitle';
import { AccessBadges } from '../governance/AccessBadges';
import { queriesLabel } from '../dataset/popularQueries';
import { snippetParts } from '../search/snippet';
import {
  clearFilters, hasFilters, isFilterActive, parseSearchParams, toFilterInputs, toSearchParams, toggleFilter, type SearchState,
} from '../search/urlState';

const PAGE_SIZE = 20;

/** Facet and highlight field names as people read them; the API's names otherwise. */
const FIELD_LABELS: Record<string, string> = {
  type: 'Type', platform: 'Platform', catalog: 'Source', schema: 'Schema', domain: 'Domain', tag: 'Tag', owner: 'Owner',
  glossaryTerm: 'Glossary term', columnDescription: 'column description', glossaryterm: 'glossary term',
};
const fieldLabel = (field: string) => FIELD_LABELS[field] ?? field;
const typeLabel = (type: string) => type.toLowerCase().replace('_', ' ');
const valueLabel = (field: string, value: string) => (field === 'type' ? typeLabel(value) : value);

export function SearchPage() {
  const [params, setParams] = useSearchParams();
  const state = parseSearchParams(params);
  const [filtersOpen, setFiltersOpen] = useState(false);
  usePageTitle(state.q ? `Search: ${state.q}` : 'Search');
  const update = (next: SearchState) => setParams(toSearchParams(next));

  const results = useQuery({
    queryKey: ['search', params.toString()],
    queryFn: ({ signal }) => search(state.q || '*', toFilterInputs(state), state.types, PAGE_SIZE, state.after, signal),
    placeholderData: keepPreviousData,
  });
  const active = Object.entries(state.filters).flatMap(([field, values]) => values.map((value) => ({ field, value })));
  const activeCount = active.length + state.types.length;

  return (
    <section className="search-page">
      <h1>{state.q && state.q !== '*' ? <>Results for “{state.q}”</> : 'All entities'}</h1>
      <div className="search-layout">
        <button type="button" className="secondary filters-toggle" aria-expanded={filtersOpen} aria-controls="search-filters"
          onClick={() => setFiltersOpen(!filtersOpen)}>
          Filters{activeCount > 0 && ` (${activeCount})`}
        </button>
        <aside aria-label="Filters" className={filtersOpen ? 'facets open' : 'facets'} id="search-filters">
          {hasFilters(state) && <button type="button" className="link-button clear-filters" onClick={() => update(clearFilters(state))}>Clear filters</button>}
          {results.data?.facets.filter((f) => f.values.length > 0).map((facet) => (
            <fieldset key={facet.field}>
              <legend>{fieldLabel(facet.field)}</legend>
              {facet.values.map((v) => (
                <label key={v.value} data-testid="facet" data-field={facet.field} data-value={v.value} data-count={v.count}>
                  <input type="checkbox" checked={isFilterActive(state, facet.field, v.value)} onChange={() => update(toggleFilter(state, facet.field, v.value))} />
                  <span className="facet-value">{valueLabel(facet.field, v.value)}</span> <span className="count">{v.count.toLocaleString('en-US')}</span>
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
              <p className="muted" role="status" data-testid="result-count">{results.data.total.toLocaleString('en-US')} {results.data.total === 1 ? 'result' : 'results'}</p>
              {results.data.didYouMean && (
                <p className="did-you-mean" data-testid="did-you-mean">Did you mean{' '}
                  <Link to={`/search?${toSearchParams({ ...state, q: results.data.didYouMean, after: null }).toString()}`}>{results.data.didYouMean}</Link>?
                </p>
              )}
              {active.length > 0 && (
                <p className="active-filters" aria-label="Active filters">
                  {active.map(({ field, value }) => (
                    <span key={`${field}:${value}`} className="chip">
                      {fieldLabel(field)}: {valueLabel(field, value)}
                      <button type="button" className="chip-remove" aria-label={`Remove filter ${fieldLabel(field)} ${valueLabel(field, value)}`}
                        onClick={() => update(toggleFilter(state, field, value))}>×</button>
                    </span>
                  ))}
                  <button type="button" className="link-button" onClick={() => update(clearFilters(state))}>Clear filters</button>
                </p>
              )}
              {results.data.results.length === 0 ? (
                <Empty>No results match{state.q ? <> “{state.q}”</> : null}{activeCount ? ' with these filters' : ''}. Try fewer words or remove a filter.</Empty>
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

/** Highlights render as text with marked words; the catalog's own URNs read better as names; Markdown marks go. */
function Snippet({ snippet }: { snippet: string }) {
  const text = snippet.replace(/urn:tl:dataset:/g, '').replace(/\*\*|__|`/g, '').replace(/^#+\s*/gm, '');
  return <>{snippetParts(text).map((part, j) => (part.marked ? <mark key={j}>{part.text}</mark> : <span key={j}>{part.text}</span>))}</>;
}

/** A description's Markdown, inline: emphasis, code and links stay; headings and blocks flatten into the clamped text. */
function InlineMarkdown({ text }: { text: string }) {
  return (
    <ReactMarkdown skipHtml allowedElements={['p', 'strong', 'em', 'code', 'a', 'del']} unwrapDisallowed
      components={{ p: ({ children }) => <>{children} </> }}>
      {text}
    </ReactMarkdown>
  );
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
      {entity.access && <AccessBadges access={entity.access} />}
      {described ? <p className="muted clamp"><Snippet snippet={described.snippet} /></p> : text && <p className="muted clamp"><InlineMarkdown text={text} /></p>}
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
      {entity.platform && (
        <p className="small card-meta">
          <span><PlatformIcon platform={entity.platform} />{entity.platform}</span>
          {entity.owners && entity.owners.length > 0 && (
            <span aria-label="Owners">{entity.owners.slice(0, 3).map((o) => <span key={o.name} className="owner"><PrincipalIcon kind={o.kind} />{o.name}</span>)}{entity.owners.length > 3 && ` +${entity.owners.length - 3}`}</span>
          )}
          {entity.usage && <span data-testid="usage">{entity.usage.queryCount > 0 ? queriesLabel(entity.usage.queryCount) : 'not queried yet'}</span>}
        </p>
      )}
    </li>
  );
}
