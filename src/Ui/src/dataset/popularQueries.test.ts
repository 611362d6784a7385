import { describe, expect, it } from 'vitest';
import type { QueryRun } from '../api/types';
import { normalizeSql, popularQueries, queriesLabel } from './popularQueries';

const run = (sql: string, user: string, submittedAt: string, state: QueryRun['state'] = 'SUCCEEDED', purpose: QueryRun['purpose'] = 'QUERY'): QueryRun =>
  ({ id: submittedAt, sql, state, purpose, user, submittedAt, truncated: false, datasets: [] });

describe('popularQueries', () => {
  it('groups runs of the same text, whatever their spacing, most run first', () => {
    const popular = popularQueries([
      run('SELECT * FROM t', 'ann', '2026-01-01T10:00:00Z'),
      run('select *\n  from t;', 'bob', '2026-01-02T10:00:00Z', 'FAILED'),
      run('SELECT a FROM t', 'ann', '2026-01-03T10:00:00Z'),
    ]);
    expect(popular.map((p) => [p.runs, p.users, p.succeeded, p.lastRunAt])).toEqual([
      [2, ['ann', 'bob'], 1, '2026-01-02T10:00:00Z'],
      [1, ['ann'], 1, '2026-01-03T10:00:00Z'],
    ]);
  });

  it('leaves previews of sample rows out', () => {
    expect(popularQueries([run('SELECT * FROM t LIMIT 50', 'ann', '2026-01-01T10:00:00Z', 'SUCCEEDED', 'PREVIEW')])).toEqual([]);
  });

  it('normalizes whitespace and a trailing semicolon only', () => {
    expect(normalizeSql('  SELECT 1 ;\n')).toBe('SELECT 1');
    expect(normalizeSql("SELECT 'a  b'")).toBe("SELECT 'a b'");
  });
});

describe('queriesLabel', () => {
  it('says 1 query and N queries', () => {
    expect(queriesLabel(1)).toBe('1 query');
    expect(queriesLabel(0)).toBe('0 queries');
    expect(queriesLabel(1200)).toBe('1,200 queries');
  });
});
