import { useQuery } from '@tanstack/react-query';
import * as api from '../api/operations';
import type { Dataset } from '../api/types';
import { Empty, ErrorNotice, Loading } from '../components/States';
import { ResultsGrid } from '../query/ResultsGrid';

/** SQL identifiers quoted part by part, so a name with odd characters still previews. */
export function quoteName(name: string): string {
  return name.split('.').map((p) => `"${p.replace(/"/g, '""')}"`).join('.');
}

/** Fifty sample rows, read as the caller (governance applies: masked columns stay masked). */
export function PreviewTab({ dataset: d }: { dataset: Dataset }) {
  const preview = useQuery({
    queryKey: ['preview', d.name],
    queryFn: async ({ signal }) => {
      const started = await api.startPreview(`SELECT * FROM ${quoteName(d.name)} LIMIT 50`);
      const run = await api.waitForRun(started.id, signal);
      if (run.state !== 'SUCCEEDED') throw new Error(run.error?.message ?? `The preview query ended ${run.state.toLowerCase()}.`);
      return api.fetchResults(run.id, 0, 50, signal);
    },
    retry: false,
    staleTime: 60_000,
  });
  if (preview.isPending) return <Loading what="sample rows" />;
  if (preview.isError) return <ErrorNotice error={preview.error} what="sample rows" />;
  if (preview.data.rows.length === 0) return <Empty>The dataset has no rows.</Empty>;
  return <ResultsGrid columns={preview.data.columns} rows={preview.data.rows} />;
}
