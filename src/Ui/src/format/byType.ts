// Numbers shown the way their SQL type means them: integers with thousands separators, DECIMAL(p, s) at its scale,
// floating point to a readable precision; and right-aligned wherever they sit in a column of numbers.

const INTEGER = /^(TINYINT|SMALLINT|INT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|INT2|INT4|INT8|LONG|SERIAL|BIGSERIAL)\b/i;
const DECIMAL = /^(?:DECIMAL|NUMERIC)\s*(?:\(\s*\d+\s*(?:,\s*(\d+)\s*)?\))?/i;
const FLOAT = /^(FLOAT|FLOAT4|FLOAT8|REAL|DOUBLE|DOUBLE PRECISION)\b/i;

export type NumberKind = { kind: 'integer' } | { kind: 'decimal'; scale: number } | { kind: 'float' } | null;

/** What kind of number a SQL type holds; null for anything that is not a number. */
export function numberKind(sqlType: string | null | undefined): NumberKind {
  const type = (sqlType ?? '').trim();
  if (INTEGER.test(type)) return { kind: 'integer' };
  const decimal = DECIMAL.exec(type);
  if (decimal) return { kind: 'decimal', scale: decimal[1] ? Number(decimal[1]) : 0 };
  if (FLOAT.test(type)) return { kind: 'float' };
  return null;
}

export const isNumericType = (sqlType: string | null | undefined) => numberKind(sqlType) !== null;

/**
 * A value of a column of this type as text. Numbers (given as numbers or as the engine's text) are grouped and shown
 * at their scale; anything else, and text that is not a number, is returned as it is.
 */
export function formatByType(value: unknown, sqlType: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  const kind = numberKind(sqlType);
  if (!kind || (typeof value !== 'number' && typeof value !== 'string' && typeof value !== 'bigint')) return typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (kind.kind === 'integer' && (typeof value === 'bigint' || (typeof value === 'string' && /^-?\d+$/.test(value.trim())))) {
    // Beyond 2^53 a JavaScript number would round; BigInt keeps every digit.
    return BigInt(String(value).trim()).toLocaleString('en-US');
  }
  const number = typeof value === 'number' ? value : Number(String(value).trim());
  if (!Number.isFinite(number)) return String(value);
  switch (kind.kind) {
    case 'integer': return number.toLocaleString('en-US', { maximumFractionDigits: 0 });
    case 'decimal': return number.toLocaleString('en-US', { minimumFractionDigits: kind.scale, maximumFractionDigits: kind.scale });
    case 'float': return formatFloat(number);
  }
}

/** Floating point: grouped, up to four decimals (fewer for big numbers), scientific when tiny. */
export function formatFloat(number: number): string {
  if (number !== 0 && Math.abs(number) < 0.0001) return number.toExponential(3);
  const decimals = Math.abs(number) >= 1000 ? 2 : 4;
  return number.toLocaleString('en-US', { maximumFractionDigits: decimals });
}

/** A share (0 to 1) as a percentage: "0%", "<0.1%", "12.5%". */
export function formatPercent(fraction: number | null | undefined): string {
  if (fraction === null || fraction === undefined) return '—';
  if (fraction > 0 && fraction < 0.001) return '<0.1%';
  return `${(fraction * 100).toLocaleString('en-US', { maximumFractionDigits: 1 })}%`;
}
