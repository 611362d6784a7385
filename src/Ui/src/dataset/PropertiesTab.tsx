import type { Dataset } from '../api/types';
import { Empty } from '../components/States';

/** Long or multi-line values (SQL, JSON) read better as code blocks than in a table cell. */
const isBlock = (value: string) => value.includes('\n') || value.length > 120;

/** The dataset's custom properties (as the source or an ingestion recorded them), key by key. */
export function PropertiesTab({ dataset: d }: { dataset: Dataset }) {
  if (d.customProperties.length === 0) return <Empty>No custom properties are recorded for this dataset.</Empty>;
  const sorted = [...d.customProperties].sort((a, b) => a.key.localeCompare(b.key));
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={`Custom properties of ${d.name}`}>
      <table className="properties" data-testid="properties">
        <caption className="visually-hidden">Custom properties of {d.name}</caption>
        <thead><tr><th scope="col">Property</th><th scope="col">Value</th></tr></thead>
        <tbody>
          {sorted.map((p) => (
            <tr key={p.key}>
              <th scope="row"><code>{p.key}</code></th>
              <td>{isBlock(p.value) ? <pre className="code">{p.value}</pre> : p.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
