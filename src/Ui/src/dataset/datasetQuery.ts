import { fetchDataset } from '../api/operations';

/** One dataset by its full name: the query the dataset and lineage pages read (and the app shell may start early). */
export function datasetQuery(name: string) {
  return { queryKey: ['dataset', name], queryFn: ({ signal }: { signal: AbortSignal }) => fetchDataset(name, signal) };
}
