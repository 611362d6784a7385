import type { QueryRun } from '../api/types';

/** One query text run several times: how often, by whom, when last, how it went. */
export interface PopularQuery { sql: string; runs: number; users: string[]; lastRunAt: string; succeeded: number }

/** Whitespace and a trailing semicolon do not make a different query. */
export function normalizeSql(sql: string): string {
  return sql.replace(/\s+/g, ' ').trim().replace(/;$/, '').trim();
}

/** The runs grouped by query text, most run first (then most recent); previews of sample rows are not queries people wrote. */
export function popularQueries(runs: readonly QueryRun[]): PopularQuery[] {
  const groups = new Map<string, PopularQuery & { users: string[] }>();
  for (const run of runs) {
    if (run.purpose === 'PREVIEW') continue;
    const key = normalizeSql(run.sql).toLowerCase();
    const group = groups.get(key);
    if (!group) {
      groups.set(key, { sql: run.sql.trim(), runs: 1, users: [run.user], lastRunAt: run.submittedAt, succeeded: run.state === 'SUCCEEDED' ? 1 : 0 });
      continue;
    }
    group.runs++;
    if (!group.users.includes(run.user)) group.users.push(run.user);
    if (run.submittedAt > group.lastRunAt) group.lastRunAt = run.submittedAt;
    if (run.state === 'SUCCEEDED') group.succeeded++;
  }
  return [...groups.values()].sort((a, b) => b.runs - a.runs || b.lastRunAt.localeCompare(a.lastRunAt));
}

/** "1 query", "12 queries": usage counts read as words, never "1 queries". */
export function queriesLabel(count: number): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? 'query' : 'queries'}`;
}
