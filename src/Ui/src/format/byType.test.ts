import { describe, expect, it } from 'vitest';
import { formatByType, formatFloat, formatPercent, isNumericType, numberKind } from './byType';

describe('formatByType', () => {
  it('groups integers, exactly beyond 2^53', () => {
    expect(formatByType(20000, 'BIGINT')).toBe('20,000');
    expect(formatByType('9007199254740993', 'BIGINT')).toBe('9,007,199,254,740,993');
  });

  it('shows decimals at their scale', () => {
    expect(formatByType('1234.5', 'DECIMAL(12,2)')).toBe('1,234.50');
    expect(formatByType(3, 'NUMERIC(10, 3)')).toBe('3.000');
    expect(formatByType('7', 'DECIMAL')).toBe('7');
  });

  it('shows floating point readably', () => {
    expect(formatByType(1234.56789, 'DOUBLE')).toBe('1,234.57');
    expect(formatByType(0.123456, 'DOUBLE')).toBe('0.1235');
    expect(formatFloat(0.00001234)).toBe('1.234e-5');
  });

  it('leaves text, dates and values that are not numbers as they are', () => {
    expect(formatByType('2026-01-01', 'DATE')).toBe('2026-01-01');
    expect(formatByType('n/a', 'DOUBLE')).toBe('n/a');
    expect(formatByType(12345, 'VARCHAR')).toBe('12345');
    expect(formatByType(null, 'BIGINT')).toBe('');
  });

  it('knows which SQL types are numbers', () => {
    expect(isNumericType('INTEGER')).toBe(true);
    expect(isNumericType('interval')).toBe(false);
    expect(numberKind('DECIMAL(18,4)')).toEqual({ kind: 'decimal', scale: 4 });
  });
});

describe('formatPercent', () => {
  it('reads a share as a percentage', () => {
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(0.125)).toBe('12.5%');
    expect(formatPercent(0.0004)).toBe('<0.1%');
    expect(formatPercent(null)).toBe('—');
  });
});
