import type { EntityType } from '../api/types';

/** The UI route that shows an entity, or a search for it when it has no page of its own. */
export function entityPath(type: EntityType | string, name: string): string {
  switch (type) {
    case 'DATASET': return `/dataset/${encodeURIComponent(name)}`;
    case 'GLOSSARY_TERM': return `/glossary/${encodeURIComponent(name)}`;
    case 'COLUMN': {
      const dot = name.lastIndexOf('.');
      return dot > 0 ? `/dataset/${encodeURIComponent(name.slice(0, dot))}?column=${encodeURIComponent(name.slice(dot + 1))}` : `/search?q=${encodeURIComponent(name)}`;
    }
    case 'TAG': return `/tag/${encodeURIComponent(name)}`;
    default: return `/search?${new URLSearchParams({ q: name }).toString()}`;
  }
}
