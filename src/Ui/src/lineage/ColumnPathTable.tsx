import { Link } from 'react-router';
import { columnHref } from './ColumnLineageCanvas';
import { describeTransformation, type ColumnLink, type ColumnModel, type ColumnPath } from './columnGraph';

/** Above this many edges the "all edges" table shows the first ones and says how many are left out. */
const MAX_ROWS = 500;

/**
 * The text alternative to the column graph: the followed column's path step by step (or, when no column is followed,
 * every column edge), with each edge's transformation and expression.
 */
export function ColumnPathTable({ model, path, followedLabel, selected, onSelect }: {
  model: ColumnModel;
  path: ColumnPath | null;
  followedLabel: string | null;
  selected: ColumnLink | null;
  onSelect: (link: ColumnLink) => void;
}) {
  const rows = path ? path.steps : model.links.filter((l) => l.kind !== 'dataset').map((link) => ({ link, depth: 0 }));
  const shown = rows.slice(0, MAX_ROWS);
  const caption = path && followedLabel
    ? `Path of ${followedLabel}, column by column: ${path.steps.length} ${path.steps.length === 1 ? 'edge' : 'edges'} through ${path.datasets.size} ${path.datasets.size === 1 ? 'dataset' : 'datasets'}`
    : `All ${rows.length} column ${rows.length === 1 ? 'edge' : 'edges'} of the graph`;
  const table = (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table className="column-path" data-testid="column-path-table">
        <caption className={path ? undefined : 'visually-hidden'}>{caption}</caption>
        <thead>
          <tr>
            {path && <th scope="col">Step</th>}
            <th scope="col">From</th><th scope="col">To</th><th scope="col">Transformation</th><th scope="col">Expression</th>
          </tr>
        </thead>
        <tbody>
          {shown.map(({ link, depth }) => (
            <tr key={link.id} className={selected?.id === link.id ? 'focused' : undefined}>
              {path && <td className="num">{depth < 0 ? `${-depth} up` : `${depth} down`}</td>}
              <td><ColumnName model={model} dataset={link.upstream} column={link.upstreamColumn} /></td>
              <td><ColumnName model={model} dataset={link.downstream} column={link.downstreamColumn} /></td>
              <td>
                <button type="button" className="link-button" onClick={() => onSelect(link)} title="Show this edge's details">
                  {describeTransformation(link)}
                </button>
              </td>
              <td>{link.expression ? <code>{link.expression}</code> : <span className="muted">—</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > shown.length && <p className="muted small">The first {shown.length} of {rows.length} edges are listed.</p>}
    </div>
  );
  if (path) return <section aria-labelledby="column-path-heading"><h2 id="column-path-heading">Column path</h2>{table}</section>;
  if (rows.length === 0) return null;
  return (
    <details className="column-edges">
      <summary>All column edges as a table ({rows.length})</summary>
      {table}
    </details>
  );
}

function ColumnName({ model, dataset, column }: { model: ColumnModel; dataset: string; column: string | null }) {
  const name = model.datasets.get(dataset)?.name ?? dataset;
  return (
    <Link to={columnHref(name, column)}>
      <span className="muted">{name}</span>{column ? <>.<code>{column}</code></> : <span className="muted"> (whole dataset)</span>}
    </Link>
  );
}
