import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import * as api from '../api/operations';
import type { Dataset } from '../api/types';
import { ChipEditor } from '../components/ChipEditor';
import { EditableDescription } from '../components/EditableDescription';
import { entityPath } from '../components/entityPath';
import { OwnerEditor } from '../components/OwnerEditor';
import { Empty, ErrorNotice, Loading } from '../components/States';
import { Tabs } from '../components/Tabs';
import { datasetQuery } from '../dataset/datasetQuery';
import { useCanEdit } from '../components/useMe';
import { usePageTitle } from '../components/usePageTitle';
import { HistoryTab } from '../dataset/HistoryTab';
import { PreviewTab } from '../dataset/PreviewTab';
import { ProfileTab } from '../dataset/ProfileTab';
import { PropertiesTab } from '../dataset/PropertiesTab';
import { QueriesTab } from '../dataset/QueriesTab';
import { SchemaTab } from '../dataset/SchemaTab';
import { UsageTab } from '../dataset/UsageTab';
import { useRefreshDataset } from '../dataset/useRefreshDataset';
import { DatasetNotes } from '../notes/DatasetNotes';
import { formatDate } from '../format/dates';
import { DocumentLinks } from '../docs/DocumentPage';
import { AccessPanel } from '../governance/AccessPanel';
import { JobsTab } from '../jobs/JobsTab';

const LineagePanel = lazy(() => import('../lineage/LineagePanel'));

const TABS = ['schema', 'profile', 'lineage', 'jobs', 'preview', 'queries', 'usage', 'properties', 'history'] as const;
type Tab = (typeof TABS)[number];

export function DatasetPage() {
  const name = useParams().name!;
  const [params, setParams] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'schema';
  usePageTitle(name);
  const dataset = useQuery(datasetQuery(name));

  if (dataset.isPending) return <Loading what={`dataset ${name}`} />;
  if (dataset.isError) return <ErrorNotice error={dataset.error} what={`dataset ${name}`} />;
  if (!dataset.data) return <section><h1>{name}</h1><Empty>No dataset is named “{name}”. <Link to={`/search?q=${encodeURIComponent(name)}`}>Search for it</Link>.</Empty></section>;
  const d = dataset.data;
  const tabs = TABS.map((t) => ({
    id: t,
    label: <>
      {t[0].toUpperCase() + t.slice(1)}
      {t === 'schema' && <span className="count">{d.columns.length}</span>}
      {t === 'lineage' && <span className="count" aria-label={`${d.upstreamCount} upstream, ${d.downstreamCount} downstream`}>{d.upstreamCount}↑ {d.downstreamCount}↓</span>}
      {t === 'properties' && d.customProperties.length > 0 && <span className="count">{d.customProperties.length}</span>}
    </>,
  }));

  return (
    <article className="dataset">
      <DatasetHeader dataset={d} />
      <Tabs tabs={tabs} selected={tab} label="Dataset sections" idPrefix="dataset"
        onSelect={(t) => { const next = new URLSearchParams(params); next.set('tab', t); next.delete('column'); setParams(next, { replace: true }); }}>
        {tab === 'schema' && <SchemaTab dataset={d} focusColumn={params.get('column')} />}
        {tab === 'profile' && <ProfileTab dataset={d} />}
        {tab === 'lineage' && (
          <Suspense fallback={<Loading what="lineage" />}>
            <p><Link to={`${entityPath('DATASET', d.name)}/lineage`}>Open the full lineage graph</Link> · <Link to={`${entityPath('DATASET', d.name)}/lineage?columns=1`}>column level</Link></p>
            <LineagePanel datasetName={d.name} urn={d.urn} depth={1} direction="BOTH" columns={false} column={null} compact />
          </Suspense>
        )}
        {tab === 'jobs' && <JobsTab name={d.name} />}
        {tab === 'preview' && <PreviewTab dataset={d} />}
        {tab === 'queries' && <QueriesTab name={d.name} />}
        {tab === 'usage' && <UsageTab name={d.name} />}
        {tab === 'properties' && <PropertiesTab dataset={d} />}
        {tab === 'history' && <HistoryTab name={d.name} />}
      </Tabs>
    </article>
  );
}

function DatasetHeader({ dataset: d }: { dataset: Dataset }) {
  const canEdit = useCanEdit();
  const refresh = useRefreshDataset(d.name);
  const edit = (action: () => Promise<void>) => async () => { await action(); await refresh(); };
  return (
    <header className="dataset-header">
      <h1>
        {d.name}
        {d.deprecation?.deprecated && <span className="badge warn" title={d.deprecation.note ?? undefined}>deprecated</span>}
        {d.removed && <span className="badge warn">removed</span>}
      </h1>
      <p className="muted small">
        {d.platform} · {d.kind.toLowerCase()}
        {d.rowCount != null && <> · {d.rowCount.toLocaleString('en-US')} rows</>}
        {d.domain && <> · domain <strong>{d.domain.name}</strong></>}
        {' '}· schema v{d.schemaVersion} · updated {formatDate(d.updatedAt)}
      </p>
      {d.deprecation?.deprecated && d.deprecation.note && <p className="notice warn">Deprecated: {d.deprecation.note}</p>}
      <AccessPanel name={d.name} />
      <EditableDescription text={d.description} canEdit={canEdit} label="dataset description"
        onSave={(text) => edit(() => api.updateDescription(d.urn, text))()} />
      <dl className="facts">
        <dt>Owners</dt>
        <dd>
          <OwnerEditor owners={d.owners} canEdit={canEdit}
            onAdd={(owner) => edit(() => api.addOwners(d.urn, [owner]))()}
            onRemove={(owner) => edit(() => api.removeOwners(d.urn, [owner.name]))()} />
        </dd>
        <dt>Tags</dt>
        <dd>
          <ChipEditor label="Tag" canEdit={canEdit} emptyText="No tags." suggest="tags"
            chips={d.tags.map((t) => ({ key: t.name, label: t.name, href: entityPath('TAG', t.name), title: t.description ?? undefined }))}
            onAdd={(v) => edit(() => api.addTags(d.urn, [v]))()} onRemove={(k) => edit(() => api.removeTags(d.urn, [k]))()} />
        </dd>
        <DocumentLinks pages={d.documents} />
        <dt>Glossary terms</dt>
        <dd>
          <ChipEditor label="Term" canEdit={canEdit} emptyText="No terms." suggest="terms"
            chips={d.glossaryTerms.map((t) => ({ key: t.name, label: t.name, href: entityPath('GLOSSARY_TERM', t.name) }))}
            onAdd={(v) => edit(() => api.addGlossaryTerms(d.urn, [v]))()} onRemove={(k) => edit(() => api.removeGlossaryTerms(d.urn, [k]))()} />
        </dd>
      </dl>
      <DatasetNotes name={d.name} />
    </header>
  );
}
