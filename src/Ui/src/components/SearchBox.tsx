import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { autocomplete } from '../api/operations';
import type { AutocompleteSuggestion } from '../api/types';
import { entityPath } from './entityPath';

/** The search box in the top bar: Enter searches, arrows pick an autocomplete suggestion. */
export function SearchBox() {
  const navigate = useNavigate();
  const location = useLocation();
  const [text, setText] = useState(() => new URLSearchParams(location.search).get('q') ?? '');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const prefix = useDebounced(text.trim(), 150);
  const listId = useId();

  // The box shows the search being looked at, and empties when you leave search for a page of its own.
  useEffect(() => {
    if (location.pathname === '/search') {
      const q = new URLSearchParams(location.search).get('q') ?? '';
      setText(q === '*' ? '' : q);
    } else {
      setText('');
    }
  }, [location.pathname, location.search]);

  const suggestions = useQuery({
    queryKey: ['autocomplete', prefix],
    queryFn: ({ signal }) => autocomplete(prefix, signal),
    enabled: open && prefix.length >= 2,
    staleTime: 60_000,
    retry: false,
  });
  const items: AutocompleteSuggestion[] = open && prefix.length >= 2 ? suggestions.data ?? [] : [];

  const go = (suggestion?: AutocompleteSuggestion) => {
    setOpen(false);
    setActive(-1);
    if (suggestion) {
      navigate(entityPath(suggestion.type, suggestion.name));
      return;
    }
    navigate(`/search?${new URLSearchParams({ q: text.trim() }).toString()}`);
  };

  return (
    <form className="searchbox" role="search" onSubmit={(e) => { e.preventDefault(); go(active >= 0 ? items[active] : undefined); }}>
      <input
        data-testid="search-input"
        type="search"
        aria-label="Search the catalog (press / to focus)"
        placeholder="Search datasets, columns, terms…  ( / )"
        value={text}
        role="combobox"
        aria-expanded={items.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={active >= 0 ? `${listId}-${active}` : undefined}
        onChange={(e) => { setText(e.target.value); setOpen(true); setActive(-1); }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') { e.preventDefault(); setActive((a) => Math.min(items.length - 1, a + 1)); }
          else if (e.key === 'ArrowUp') { e.preventDefault(); setActive((a) => Math.max(-1, a - 1)); }
          else if (e.key === 'Escape') { setOpen(false); setActive(-1); }
        }}
      />
      <ul id={listId} role="listbox" className="suggestions" hidden={items.length === 0} aria-label="Suggestions">
        {items.map((s, i) => (
          <li
            key={`${s.urn}-${i}`}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'active' : undefined}
            onMouseDown={(e) => { e.preventDefault(); go(s); }}
          >
            <span>{s.name}</span> <span className="muted small">{s.type.toLowerCase().replace('_', ' ')}</span>
          </li>
        ))}
      </ul>
    </form>
  );
}

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}
