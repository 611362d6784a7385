import { describe, expect, it } from 'vitest';
import { buildSqlNamespace } from './sqlSchema';

describe('buildSqlNamespace', () => {
  it('nests dotted dataset names and lists columns as completions', () => {
    const ns = buildSqlNamespace([
      { name: 'demo.dim.accounts', columns: [{ name: 'account_id', type: 'INTEGER' }] },
      { name: 'demo.fct.billings', columns: [{ name: 'amount' }] },
    ]) as Record<string, Record<string, Record<string, { label: string; detail?: string }[]>>>;
    expect(Object.keys(ns.demo).sort()).toEqual(['dim', 'fct']);
    expect(ns.demo.dim.accounts).toEqual([{ label: 'account_id', type: 'property', detail: 'INTEGER' }]);
    expect(ns.demo.fct.billings[0].label).toBe('amount');
  });
});
