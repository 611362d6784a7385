import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { fetchKnownPrincipals, findPrincipal } from '../api/operations';
import type { Owner, OwnerKind, OwnershipType } from '../api/types';
import { friendlyError } from './friendlyError';
import { PrincipalIcon } from './Icons';

type NewOwner = { name: string; kind: OwnerKind; ownershipType: OwnershipType };

const ROLES: { value: OwnershipType; label: string }[] = [
  { value: 'TECHNICAL_OWNER', label: 'Technical owner' },
  { value: 'BUSINESS_OWNER', label: 'Business owner' },
  { value: 'DATA_STEWARD', label: 'Data steward' },
];
export const roleLabel = (type: OwnershipType) => ROLES.find((r) => r.value === type)?.label ?? type;

/** User and group names as the identity provider issues them: letters, digits and . _ - @, at most 100. */
export const PRINCIPAL_NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$/;

/**
 * The dataset's owners with their kind (user or group) and role. New owners are picked from the users and groups the
 * catalog knows; a name it does not know is checked, and added only as a deliberate new principal. Removing one can
 * be undone.
 */
export function OwnerEditor({ owners, canEdit, onAdd, onRemove }: {
  owners: Owner[]; canEdit: boolean; onAdd: (owner: NewOwner) => Promise<void>; onRemove: (owner: Owner) => Promise<void>;
}) {
  const [adding, setAdding] = useState(false);
  const [name, setName] = useState('');
  const [role, setRole] = useState<OwnershipType>('TECHNICAL_OWNER');
  const [unknown, setUnknown] = useState<{ name: string; kind: OwnerKind } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [removed, setRemoved] = useState<Owner | null>(null);
  const listId = useId();
  const known = useQuery({ queryKey: ['known-principals'], queryFn: ({ signal }) => fetchKnownPrincipals(signal), enabled: adding, staleTime: 60_000 });
  const present = new Set(owners.map((o) => o.name));
  const choices = (known.data ?? []).filter((p) => !present.has(p.name));

  const run = async (action: () => Promise<void>, what: string) => {
    setBusy(true);
    setError(null);
    try { await action(); } catch (e) { setError(friendlyError(what, e)); } finally { setBusy(false); }
  };
  const reset = () => { setName(''); setAdding(false); setUnknown(null); setRemoved(null); };
  const submit = () => run(async () => {
    const wanted = name.trim();
    if (!wanted) return;
    if (!PRINCIPAL_NAME.test(wanted)) { setError(`“${wanted}” is not a user or group name: use letters, digits and . _ - @ (at most 100).`); return; }
    const listed = known.data?.find((p) => p.name.toLowerCase() === wanted.toLowerCase());
    const kind = listed?.kind ?? await findPrincipal(wanted);
    if (!kind) { setUnknown({ name: wanted, kind: 'USER' }); return; }
    await onAdd({ name: listed?.name ?? wanted, kind, ownershipType: role });
    reset();
  }, `add owner “${name.trim()}”`);

  return (
    <div className="chips" role="group" aria-label="Owners">
      {owners.length === 0 && !adding && <span className="muted small">No owners.</span>}
      {owners.map((o) => (
        <span key={o.urn} className="chip" data-testid="owner">
          <PrincipalIcon kind={o.kind} />
          {o.name}
          <span className="chip-detail">{o.kind === 'GROUP' ? 'group · ' : ''}{roleLabel(o.ownershipType).toLowerCase()}</span>
          {canEdit && (
            <button type="button" className="chip-remove" aria-label={`Remove owner ${o.name}`} disabled={busy}
              onClick={() => void run(async () => { await onRemove(o); setRemoved(o); }, `remove owner ${o.name}`)}>×</button>
          )}
        </span>
      ))}
      {canEdit && (adding ? (
        <form className="chip-add" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
          <input aria-label="New owner (user or group)" value={name} list={listId} autoFocus placeholder="user or group"
            onChange={(e) => { setName(e.target.value); setUnknown(null); }} onKeyDown={(e) => { if (e.key === 'Escape') reset(); }} />
          <datalist id={listId}>{choices.map((p) => <option key={p.name} value={p.name} label={p.kind === 'GROUP' ? 'group' : 'user'} />)}</datalist>
          <select aria-label="Role" value={role} onChange={(e) => setRole(e.target.value as OwnershipType)}>
            {ROLES.map((r) => <option key={r.value} value={r.value}>{r.label}</option>)}
          </select>
          <button type="submit" disabled={busy}>Add</button>
          <button type="button" className="secondary" onClick={reset}>Cancel</button>
        </form>
      ) : (
        <button type="button" className="link-button add-chip" onClick={() => setAdding(true)} aria-label="Add owner">+ owner</button>
      ))}
      {unknown && (
        <div className="notice warn" role="alert">
          No user or group named “{unknown.name}” is known to the catalog.{' '}
          <label>Add as a new{' '}
            <select aria-label="Kind of the new owner" value={unknown.kind} onChange={(e) => setUnknown({ ...unknown, kind: e.target.value as OwnerKind })}>
              <option value="USER">user</option><option value="GROUP">group</option>
            </select>
          </label>{' '}
          <button type="button" disabled={busy} onClick={() => void run(async () => { await onAdd({ name: unknown.name, kind: unknown.kind, ownershipType: role }); reset(); }, `add owner “${unknown.name}”`)}>
            Add new {unknown.kind === 'GROUP' ? 'group' : 'user'}
          </button>{' '}
          <button type="button" className="secondary" onClick={() => setUnknown(null)}>Cancel</button>
        </div>
      )}
      {removed && !busy && (
        <span className="undo" role="status">
          Removed owner {removed.name}.{' '}
          <button type="button" className="link-button" onClick={() => void run(async () => { await onAdd({ name: removed.name, kind: removed.kind, ownershipType: removed.ownershipType }); setRemoved(null); }, `restore owner ${removed.name}`)}>Undo</button>
        </span>
      )}
      {error && <p role="alert" className="error-text">{error}</p>}
    </div>
  );
}
