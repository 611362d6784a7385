import { describe, expect, it } from 'vitest';
import type { GlossaryTermSummary } from '../api/types';
import { possibleParents } from './EditTermForm';

const term = (name: string, isGroup: boolean, parent?: string): GlossaryTermSummary =>
  ({ urn: `urn:tl:glossaryTerm:${name}`, name, isGroup, definition: null, parent: parent ? { name: parent } : null }) as GlossaryTermSummary;

describe('possibleParents', () => {
  const terms = [term('Finance', true), term('Billing', true, 'Finance'), term('Invoices', true, 'Billing'), term('Sales', true), term('ARR', false, 'Finance')];

  it('offers every group except the term itself and the groups inside it', () =>
    expect(possibleParents('Finance', terms).map((t) => t.name)).toEqual(['Sales']));
  it('offers groups above and beside a nested group', () =>
    expect(possibleParents('Billing', terms).map((t) => t.name)).toEqual(['Finance', 'Sales']));
  it('never offers a plain term as a group', () =>
    expect(possibleParents('Sales', terms).map((t) => t.name)).not.toContain('ARR'));
});
