import { describe, expect, it } from 'vitest';
import { aspectLabel, describeChange } from './changeDiff';

const column = (name: string, nativeType: string, more: Record<string, unknown> = {}) =>
  ({ name, nativeType, nullable: true, ordinal: 1, sourceDescription: null, isPrimaryKey: false, foreignKey: null, ...more });

describe('describeChange', () => {
  it('words a schema change column by column, with the versions', () => {
    const view = describeChange('schema',
      { schemaVersion: 1, columns: [column('account_id', 'BIGINT'), column('amount', 'DOUBLE'), column('old', 'VARCHAR')] },
      { schemaVersion: 2, columns: [column('account_id', 'BIGINT'), column('amount', 'DECIMAL(12,2)'), column('plan', 'VARCHAR', { nullable: false })] });
    expect(view.title).toBe('Schema changed (version 1 → 2)');
    expect(view.lines).toEqual([
      { kind: 'changed', text: 'Column amount: type', before: 'DOUBLE', after: 'DECIMAL(12,2)' },
      { kind: 'added', text: 'Column plan added (VARCHAR, not null)' },
      { kind: 'removed', text: 'Column old removed' },
    ]);
  });

  it('names owners with their kind and role instead of enum names', () => {
    const view = describeChange('ownership',
      [{ owner: 'bob', kind: 'User', type: 'TechnicalOwner' }],
      [{ owner: 'finance-analytics', kind: 'Group', type: 'BusinessOwner' }]);
    expect(view.title).toBe('Owners changed');
    expect(view.lines.map((l) => l.text)).toEqual([
      'Owner finance-analytics (group, business owner) added',
      'Owner bob (user, technical owner) removed',
    ]);
  });

  it('lists tags added and removed on the dataset and on columns', () => {
    const view = describeChange('tags',
      { tags: ['curated'], columns: [{ name: 'email', tags: [] }] },
      { tags: ['curated', 'finance'], columns: [{ name: 'email', tags: ['pii'] }] });
    expect(view.lines.map((l) => l.text)).toEqual(['Tag finance added', 'Tag pii added on column email']);
  });

  it('shows custom properties by key and other fields in words', () => {
    const view = describeChange('properties',
      { platform: 'duckdb', rowCount: 20000, customProperties: [{ key: 'build_sql', value: 'SELECT 1' }] },
      { platform: 'duckdb', rowCount: 21000, customProperties: [{ key: 'build_sql', value: 'SELECT 2' }, { key: 'team', value: 'fin' }] });
    expect(view.lines).toEqual([
      { kind: 'changed', text: 'Row count', before: '20,000', after: '21,000' },
      { kind: 'changed', text: 'Property build_sql', before: 'SELECT 1', after: 'SELECT 2' },
      { kind: 'added', text: 'Property team added', after: 'fin' },
    ]);
    expect(JSON.stringify(view)).not.toContain('customProperties');
  });

  it('says what deprecation and removal mean', () => {
    expect(describeChange('deprecation', null, { deprecated: true, note: 'use v2' }).lines[0].text).toBe('Marked deprecated: use v2');
    expect(describeChange('status', { removed: false }, { removed: true }).lines[0].text).toBe('Removed from its source');
    expect(describeChange('deprecation', null, null).lines).toEqual([]);
  });

  it('reads an aspect it does not know by its words', () => {
    expect(aspectLabel('glossaryTerms')).toBe('Glossary terms');
    expect(aspectLabel('dataContract')).toBe('Data contract');
    expect(describeChange('dataContract', { maxDelayHours: 1 }, { maxDelayHours: 2 }).lines[0].text).toBe('Max delay hours');
  });
});
