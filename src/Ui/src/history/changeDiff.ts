// Turns a recorded change (one aspect of an entity, before and after, as the store keeps them in JSON) into lines a
// person reads: "Column alloc_amount added (DOUBLE)", "Owner bob (user, technical owner) removed". No aspect names, no
// raw JSON: what the store calls `glossaryTerms` or `editedDescription` is worded the way the dataset page words it.

export type DiffKind = 'added' | 'removed' | 'changed';

export interface DiffLine { kind: DiffKind; text: string; before?: string; after?: string }

export interface ChangeView {
  /** "Schema changed (v1 → v2)", "Owners set", … */
  title: string;
  lines: DiffLine[];
}

const ASPECT_LABELS: Record<string, string> = {
  properties: 'Properties', documentation: 'Description', schema: 'Schema', ownership: 'Owners', tags: 'Tags',
  glossaryTerms: 'Glossary terms', domain: 'Domain', deprecation: 'Deprecation', status: 'Status',
};

/** The aspect as people name it; an aspect this UI does not know yet reads as its words ("someAspect" → "Some aspect"). */
export function aspectLabel(aspect: string): string {
  return ASPECT_LABELS[aspect] ?? humanize(aspect);
}

export function humanize(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').trim().toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

type Json = unknown;
type Obj = Record<string, Json>;
const isObj = (v: Json): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const arr = (v: Json): Json[] => (Array.isArray(v) ? v : []);
const str = (v: Json): string => (v === null || v === undefined || v === '' ? '(none)' : typeof v === 'string' ? v : typeof v === 'number' ? v.toLocaleString('en-US') : typeof v === 'boolean' ? (v ? 'yes' : 'no') : JSON.stringify(v));

export function describeChange(aspect: string, before: Json, after: Json): ChangeView {
  const created = before === null || before === undefined;
  const lines = linesOf(aspect, before ?? null, after ?? null);
  let title = `${aspectLabel(aspect)} ${created ? 'set' : 'changed'}`;
  if (aspect === 'schema') {
    const from = isObj(before) ? before.schemaVersion : null;
    const to = isObj(after) ? after.schemaVersion : null;
    title = created ? `Schema recorded (version ${str(to)})` : `Schema changed (version ${str(from)} → ${str(to)})`;
  }
  return { title, lines };
}

function linesOf(aspect: string, before: Json, after: Json): DiffLine[] {
  switch (aspect) {
    case 'schema': return schemaLines(before, after);
    case 'ownership': return ownerLines(before, after);
    case 'tags': return labelLines(before, after, 'tags', 'Tag');
    case 'glossaryTerms': return labelLines(before, after, 'glossaryTerms', 'Glossary term');
    case 'documentation': return documentationLines(before, after);
    case 'domain': return valueLines('Domain', before, after);
    case 'deprecation': return deprecationLines(before, after);
    case 'status': return statusLines(before, after);
    default: return fieldLines('', before, after);
  }
}

function schemaLines(before: Json, after: Json): DiffLine[] {
  const columnsOf = (v: Json) => new Map(arr(isObj(v) ? v.columns : null).filter(isObj).map((c) => [String(c.name), c]));
  const old = columnsOf(before);
  const now = columnsOf(after);
  const lines: DiffLine[] = [];
  for (const [name, column] of now) {
    const previous = old.get(name);
    if (!previous) {
      lines.push({ kind: 'added', text: `Column ${name} added (${str(column.nativeType)}${column.nullable === false ? ', not null' : ''})` });
      continue;
    }
    for (const [key, label] of COLUMN_FIELDS) {
      if (!same(previous[key], column[key])) {
        lines.push({ kind: 'changed', text: `Column ${name}: ${label}`, before: columnValue(key, previous[key]), after: columnValue(key, column[key]) });
      }
    }
  }
  for (const name of old.keys()) if (!now.has(name)) lines.push({ kind: 'removed', text: `Column ${name} removed` });
  return lines;
}

const COLUMN_FIELDS: [string, string][] = [
  ['nativeType', 'type'], ['nullable', 'nullable'], ['sourceDescription', 'description from the source'],
  ['isPrimaryKey', 'primary key'], ['foreignKey', 'foreign key'], ['ordinal', 'position'],
];

function columnValue(key: string, value: Json): string {
  if (key === 'foreignKey' && isObj(value)) return `${str(value.dataset)}.${str(value.column)}`;
  return str(value);
}

function ownerLines(before: Json, after: Json): DiffLine[] {
  const ownersOf = (v: Json) => new Map(arr(v).filter(isObj).map((o) => [String(o.owner), o]));
  const describe = (o: Obj) => `${str(o.owner)} (${words(o.kind)}, ${words(o.type)})`;
  const old = ownersOf(before);
  const now = ownersOf(after);
  const lines: DiffLine[] = [];
  for (const [name, owner] of now) {
    const previous = old.get(name);
    if (!previous) lines.push({ kind: 'added', text: `Owner ${describe(owner)} added` });
    else if (!same(previous.type, owner.type)) lines.push({ kind: 'changed', text: `Owner ${name}: role`, before: words(previous.type), after: words(owner.type) });
  }
  for (const [name, owner] of old) if (!now.has(name)) lines.push({ kind: 'removed', text: `Owner ${describe(owner)} removed` });
  return lines;
}

/** TechnicalOwner / TECHNICAL_OWNER → "technical owner". */
function words(v: Json): string {
  return typeof v === 'string' ? humanize(v.includes('_') ? v.toLowerCase() : v).toLowerCase() : str(v);
}

/** Tags or glossary terms: the dataset's own and each column's. */
function labelLines(before: Json, after: Json, key: string, label: string): DiffLine[] {
  const lines: DiffLine[] = [];
  const diffSets = (old: Json, now: Json, where: string) => {
    const a = new Set(arr(old).map(String));
    const b = new Set(arr(now).map(String));
    for (const v of b) if (!a.has(v)) lines.push({ kind: 'added', text: `${label} ${v} added${where}` });
    for (const v of a) if (!b.has(v)) lines.push({ kind: 'removed', text: `${label} ${v} removed${where}` });
  };
  diffSets(isObj(before) ? before[key] : null, isObj(after) ? after[key] : null, '');
  const columnsOf = (v: Json) => new Map(arr(isObj(v) ? v.columns : null).filter(isObj).map((c) => [String(c.name), c[key]]));
  const old = columnsOf(before);
  const now = columnsOf(after);
  for (const name of new Set([...old.keys(), ...now.keys()])) diffSets(old.get(name) ?? null, now.get(name) ?? null, ` on column ${name}`);
  return lines;
}

function documentationLines(before: Json, after: Json): DiffLine[] {
  const lines: DiffLine[] = [];
  const a = isObj(before) ? before : {};
  const b = isObj(after) ? after : {};
  if (!same(a.editedDescription ?? null, b.editedDescription ?? null)) {
    lines.push({ kind: 'changed', text: 'Description', before: str(a.editedDescription), after: str(b.editedDescription) });
  }
  const columnsOf = (v: Obj) => new Map(arr(v.columns).filter(isObj).map((c) => [String(c.name), c.description ?? c.editedDescription ?? null]));
  const old = columnsOf(a);
  const now = columnsOf(b);
  for (const name of new Set([...old.keys(), ...now.keys()])) {
    if (!same(old.get(name) ?? null, now.get(name) ?? null)) {
      lines.push({ kind: 'changed', text: `Description of column ${name}`, before: str(old.get(name)), after: str(now.get(name)) });
    }
  }
  return lines;
}

function valueLines(label: string, before: Json, after: Json): DiffLine[] {
  if (same(before, after)) return [];
  return [{ kind: before == null ? 'added' : after == null ? 'removed' : 'changed', text: label, before: str(before), after: str(after) }];
}

function deprecationLines(before: Json, after: Json): DiffLine[] {
  const was = isObj(before) && before.deprecated === true;
  const is = isObj(after) && after.deprecated === true;
  if (is && !was) return [{ kind: 'added', text: `Marked deprecated${isObj(after) && after.note ? `: ${str(after.note)}` : ''}` }];
  if (was && !is) return [{ kind: 'removed', text: 'No longer deprecated' }];
  if (is && isObj(before) && isObj(after) && !same(before.note, after.note)) return [{ kind: 'changed', text: 'Deprecation note', before: str(before.note), after: str(after.note) }];
  return [];
}

function statusLines(before: Json, after: Json): DiffLine[] {
  const was = isObj(before) && before.removed === true;
  const is = isObj(after) && after.removed === true;
  if (is && !was) return [{ kind: 'removed', text: 'Removed from its source' }];
  if (was && !is) return [{ kind: 'added', text: 'Back in its source' }];
  return [];
}

/** Any other aspect: every changed field, by its words ("rowCount" → "Row count"); custom properties by key. */
function fieldLines(prefix: string, before: Json, after: Json): DiffLine[] {
  if (isObj(before) || isObj(after)) {
    const a = isObj(before) ? before : {};
    const b = isObj(after) ? after : {};
    const lines: DiffLine[] = [];
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (same(a[key] ?? null, b[key] ?? null)) continue;
      if (key === 'customProperties') lines.push(...propertyLines(a[key], b[key]));
      else if (isObj(a[key]) || isObj(b[key])) lines.push(...fieldLines(`${prefix}${humanize(key)}: `, a[key] ?? null, b[key] ?? null));
      else lines.push({ kind: a[key] == null ? 'added' : b[key] == null ? 'removed' : 'changed', text: `${prefix}${humanize(key)}`, before: str(a[key]), after: str(b[key]) });
    }
    return lines;
  }
  return valueLines(prefix.replace(/: $/, '') || 'Value', before, after);
}

function propertyLines(before: Json, after: Json): DiffLine[] {
  const asMap = (v: Json) => new Map(arr(v).filter(isObj).map((p) => [String(p.key), p.value]));
  const old = asMap(before);
  const now = asMap(after);
  const lines: DiffLine[] = [];
  for (const [key, value] of now) {
    if (!old.has(key)) lines.push({ kind: 'added', text: `Property ${key} added`, after: str(value) });
    else if (!same(old.get(key), value)) lines.push({ kind: 'changed', text: `Property ${key}`, before: str(old.get(key)), after: str(value) });
  }
  for (const key of old.keys()) if (!now.has(key)) lines.push({ kind: 'removed', text: `Property ${key} removed` });
  return lines;
}

function same(a: Json, b: Json): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}
