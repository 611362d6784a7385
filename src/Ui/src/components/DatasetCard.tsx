import { Link } from 'react-router';
import type { DatasetSummary } from '../api/types';
import { entityPath } from './entityPath';
import { PlatformIcon } from './Icons';

export function DatasetCard({ dataset, extra }: { dataset: DatasetSummary; extra?: React.ReactNode }) {
  return (
    <li className="card">
      <Link to={entityPath('DATASET', dataset.name)} className="card-title">{dataset.name}</Link>
      {dataset.deprecation?.deprecated && <span className="badge warn">deprecated</span>}
      <p className="muted clamp">{firstLine(dataset.description) || 'No description yet.'}</p>
      <p className="small">
        <span className="muted"><PlatformIcon platform={dataset.platform} />{dataset.platform}</span>
        {dataset.tags.map((t) => <span key={t.urn} className="chip">{t.name}</span>)}
        {extra}
      </p>
    </li>
  );
}

export function firstLine(text?: string | null): string {
  // Drops Markdown heading/quote markers and emphasis, but keeps underscores: names like
  // billed_amount are common in descriptions and must read as written.
  return (text ?? '').split('\n').find((l) => l.trim())?.replace(/^[\s#>]+/, '').replace(/\*\*|[*`]/g, '').trim() ?? '';
}
