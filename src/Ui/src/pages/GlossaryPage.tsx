import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, NavLink, useParams } from 'react-router';
import { fetchGlossaryTerm, fetchGlossaryTerms } from '../api/operations';
import type { GlossaryTermSummary } from '../api/types';
import { entityPath } from '../components/entityPath';
import { Markdown } from '../components/Markdown';
import { Empty, ErrorNotice, Loading } from '../components/States';
import { useCanEdit } from '../components/useMe';
import { usePageTitle } from '../components/usePageTitle';
import { EditTermForm } from '../glossary/EditTermForm';
import { NewTermForm } from '../glossary/TermForm';
import { buildTermTree, type TermTreeNode } from '../glossary/tree';

export function GlossaryPage() {
  const { term } = useParams();
  usePageTitle(term ?? 'Glossary');
  const canEdit = useCanEdit();
  const [creating, setCreating] = useState(false);
  useEffect(() => setCreating(false), [term]);
  const terms = useQuery({ queryKey: ['glossary-terms'], queryFn: ({ signal }) => fetchGlossaryTerms(signal) });
  return (
    <section className="glossary">
      <div className="row">
        <h1>{term ? <><Link to="/glossary">Glossary</Link> / {term}</> : 'Glossary'}</h1>
        {canEdit && !creating && <button type="button" className="secondary push-right" onClick={() => setCreating(true)}>New term</button>}
      </div>
      {creating && terms.data && <NewTermForm terms={terms.data} onCancel={() => setCreating(false)} />}
      <div className="split">
        <nav aria-label="Glossary terms" className="term-tree">
          {terms.isPending && <Loading what="terms" />}
          {terms.isError && <ErrorNotice error={terms.error} what="glossary terms" />}
          {terms.data && (terms.data.length ? <TermTree nodes={buildTermTree(terms.data)} /> : <Empty>The glossary has no terms yet.</Empty>)}
        </nav>
        <div>{term ? <TermDetail name={term} terms={terms.data} canEdit={canEdit} /> : <p className="muted">Pick a term to see its definition and where it is used.</p>}</div>
      </div>
    </section>
  );
}

function TermTree({ nodes }: { nodes: TermTreeNode[] }) {
  return (
    <ul>
      {nodes.map((n) => (
        <li key={n.term.urn}>
          <NavLink to={`/glossary/${encodeURIComponent(n.term.name)}`}>{n.term.isGroup ? '▸ ' : ''}{n.term.name}</NavLink>
          {n.children.length > 0 && <TermTree nodes={n.children} />}
        </li>
      ))}
    </ul>
  );
}

function TermDetail({ name, terms, canEdit }: { name: string; terms: GlossaryTermSummary[] | undefined; canEdit: boolean }) {
  const term = useQuery({ queryKey: ['glossary-term', name], queryFn: ({ signal }) => fetchGlossaryTerm(name, signal) });
  const [editing, setEditing] = useState(false);
  useEffect(() => setEditing(false), [name]);
  if (term.isPending) return <Loading what="term" />;
  if (term.isError) return <ErrorNotice error={term.error} what={`term ${name}`} />;
  const t = term.data;
  if (!t) return <Empty>No glossary term is named “{name}”.</Empty>;
  if (editing && terms) return <EditTermForm term={t} terms={terms} onDone={() => setEditing(false)} />;
  return (
    <article>
      <div className="row">
        <h2>{t.name} {t.isGroup && <span className="badge">group</span>}</h2>
        {canEdit && <button type="button" className="secondary push-right" onClick={() => setEditing(true)} data-testid="edit-term">Edit</button>}
      </div>
      {t.parent && <p className="small">Part of <Link to={`/glossary/${encodeURIComponent(t.parent.name)}`}>{t.parent.name}</Link></p>}
      <Markdown text={t.definition} empty="No definition yet." />
      {t.synonyms.length > 0 && <p><strong>Synonyms:</strong> {t.synonyms.join(', ')}</p>}
      {t.relatedTerms.length > 0 && (
        <p><strong>Related:</strong> {t.relatedTerms.map((r, i) => <span key={r.name}>{i > 0 && ', '}<Link to={`/glossary/${encodeURIComponent(r.name)}`}>{r.name}</Link></span>)}</p>
      )}
      {t.children.length > 0 && (
        <>
          <h3>Terms in this group</h3>
          <ul>{t.children.map((c) => <li key={c.name}><Link to={`/glossary/${encodeURIComponent(c.name)}`}>{c.name}</Link></li>)}</ul>
        </>
      )}
      <h3>Datasets</h3>
      {t.datasets.length ? (
        <ul>{t.datasets.map((d) => <li key={d.name}><Link to={entityPath('DATASET', d.name)}>{d.name}</Link></li>)}</ul>
      ) : <Empty>No dataset is tagged with this term.</Empty>}
      <h3>Columns</h3>
      {t.columns.length ? (
        <ul>{t.columns.map((c) => (
          <li key={`${c.dataset.name}.${c.column.name}`}>
            <Link to={`${entityPath('DATASET', c.dataset.name)}?column=${encodeURIComponent(c.column.name)}`}>{c.dataset.name}.{c.column.name}</Link>
          </li>
        ))}</ul>
      ) : <Empty>No column is tagged with this term.</Empty>}
    </article>
  );
}
