import { describe, expect, it } from 'vitest';
import { entityPath } from './entityPath';

describe('entityPath', () => {
  it('links datasets, terms and columns to their pages', () => {
    expect(entityPath('DATASET', 'demo.dim.accounts')).toBe('/dataset/demo.dim.accounts');
    expect(entityPath('GLOSSARY_TERM', 'Net Revenue')).toBe('/glossary/Net%20Revenue');
    expect(entityPath('COLUMN', 'demo.dim.accounts.account_id')).toBe('/dataset/demo.dim.accounts?column=account_id');
  });

  it('opens a tag on its own page rather than a catch-all search', () => {
    expect(entityPath('TAG', 'pii')).toBe('/tag/pii');
  });

  it('falls back to a search for entities without a page', () => {
    expect(entityPath('USER', 'ana')).toBe('/search?q=ana');
  });
});
