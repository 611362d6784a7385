import { useQueryClient } from '@tanstack/react-query';
import { datasetQuery } from './datasetQuery';

/** After an edit: the dataset and its history are read again. */
export function useRefreshDataset(name: string) {
  const client = useQueryClient();
  return () => Promise.all([
    client.invalidateQueries({ queryKey: datasetQuery(name).queryKey }),
    client.invalidateQueries({ queryKey: ['dataset-history', name] }),
  ]).then(() => undefined);
}
