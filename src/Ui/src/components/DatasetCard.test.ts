import { describe, expect, it } from 'vitest';
import { firstLine } from './DatasetCard';

describe('firstLine', () => {
  it('keeps underscores in column names while dropping Markdown markers', () => {
    expect(firstLine('\n## Billed **amounts**: `alloc_amount` = billed_amount / 12\nmore')).toBe('Billed amounts: alloc_amount = billed_amount / 12');
  });

  it('is empty for a missing description', () => {
    expect(firstLine(null)).toBe('');
  });
});
