import { describe, expect, it } from 'vitest';
import { parseAuditParams, toApiFilter, toAuditParams } from './auditUrl';

describe('audit URL state', () => {
  it('round-trips user, dataset, kind and time range through the URL', () => {
    const filter = { user: 'ana', dataset: 'demo.dim.accounts', kind: 'GRANTED' as const, from: '2026-01-01T08:00', to: '2026-01-02T18:30' };
    expect(parseAuditParams(new URLSearchParams(toAuditParams(filter).toString()))).toEqual(filter);
  });

  it('drops an unknown kind and malformed times', () => {
    const parsed = parseAuditParams(new URLSearchParams('kind=DROP_TABLE&from=yesterday&to=2026-13-45T99:99&user=%20'));
    expect(parsed).toEqual({ user: null, dataset: null, kind: null, from: null, to: null });
  });

  it('sends the time range to the API as UTC instants', () => {
    const api = toApiFilter({ user: null, dataset: null, kind: null, from: '2026-01-01T08:00', to: null });
    expect(api.from).toBe(new Date('2026-01-01T08:00').toISOString());
    expect(api.to).toBeNull();
  });
});
