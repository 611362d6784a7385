import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { fetchImpact } from '../api/operations';
import type { ImpactedItem } from '../api/types';
import { Empty, ErrorNotice, Loading } from '../components/States';
import { downloadText, toCsv } from '../query/csv';
import { columnHref } from './ColumnLineageCanvas';

/** How an owner's role reads: TECHNICAL_OWNER → technical owner. */
export const ownershipLabel = (type: string) => type.toLowerCase().replace(/_/g, ' ');

/** The impact list as CSV: one row per affected dataset or column, owners joined by "; ". */
export function impactCsv(items: readonly ImpactedItem[]): string {
  return toCsv(
    ['dataset', 'column', 'steps_downstream', 'owners', 'owner_roles'],
    items.map((i) => [
      i.dataset.name, i.column ?? '', i.depth,
      i.owners.map((o) => o.name).join('; '),
      i.owners.map((o) => `${o.name} (${o.kind.toLowerCase()}, ${ownershipLabel(o.ownershipType)})`).join('; '),
    ]),
  );
}

/** Everything downstream of a dataset or one of its columns, with the owners to tell, exportable as CSV. */
export function ImpactList({ urn, datasetName, column }: { urn: string; datasetName: string; column: string | null }) {
  const impact = useQuery({ queryKey: ['impact', urn, column], queryFn: ({ signal }) => fetchImpact(urn, column, signal) });
  const subject = column ? `${datasetName}.${column}` : datasetName;
  return (
    <section aria-labelledby="impact-heading" className="impact">
      <div className="row">
        <h2 id="impact-heading">Impact of a change to <code>{subject}</code></h2>
        {impact.data && impact.data.length > 0 && (
          <button type="button" className="secondary" data-testid="impact-csv"
            onClick={() => downloadText(`impact-${subject.replace(/[^\w.-]+/g, '_')}.csv`, impactCsv(impact.data))}>
            Download CSV
          </button>
        )}
      </div>
      {impact.isPending && <Loading what="impact" />}
      {impact.isError && <ErrorNotice error={impact.error} what="impact" />}
      {impact.data && impact.data.length === 0 && <Empty>Nothing downstream depends on {subject}.</Empty>}
      {impact.data && impact.data.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={`Impact of ${subject}`}>
          <table data-testid="impact-list">
            <caption className="visually-hidden">Datasets{column ? ' and columns' : ''} downstream of {subject}, nearest first, with their owners</caption>
            <thead><tr><th scope="col">Dataset</th>{column && <th scope="col">Column</th>}<th scope="col" className="num">Steps</th><th scope="col">Owners</th></tr></thead>
            <tbody>
              {impact.data.map((item) => (
                <tr key={`${item.dataset.urn}\u0000${item.column ?? ''}`}>
                  <td><Link to={columnHref(item.dataset.name, null)}>{item.dataset.name}</Link></td>
                  {column && <td>{item.column ? <Link to={columnHref(item.dataset.name, item.column)}><code>{item.column}</code></Link> : <span className="muted">—</span>}</td>}
                  <td className="num">{item.depth}</td>
                  <td>
                    {item.owners.length === 0 ? <span className="muted">No owners</span> : item.owners.map((o) => (
                      <span key={o.urn} className="chip" title={ownershipLabel(o.ownershipType)}>
                        {o.name} <span className="muted small">{o.kind === 'GROUP' ? 'group' : ownershipLabel(o.ownershipType)}</span>
                      </span>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
