// Catalog names → CodeMirror's SQL completion namespace: demo.dim.accounts becomes
// { demo: { dim: { accounts: [columns] } } } so each dotted part completes in turn.
import type { Completion } from '@codemirror/autocomplete';
import type { SQLNamespace } from '@codemirror/lang-sql';

type Namespace = { [name: string]: Namespace | Completion[] };

export function buildSqlNamespace(datasets: readonly { name: string; columns: readonly { name: string; type?: string | null }[] }[]): SQLNamespace {
  const root: Namespace = {};
  for (const dataset of datasets) {
    const parts = dataset.name.split('.');
    let scope = root;
    for (const part of parts.slice(0, -1)) {
      const next = scope[part];
      if (Array.isArray(next)) break;
      scope = (scope[part] ??= {}) as Namespace;
    }
    scope[parts[parts.length - 1]] = dataset.columns.map((c) => ({ label: c.name, type: 'property', detail: c.type ?? undefined }));
  }
  return root as SQLNamespace;
}
