import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

describe('toCsv', () => {
  it('writes a header and one line per row with CRLF endings', () => {
    expect(toCsv(['id', 'name'], [[1, 'Ana'], [2, 'Bo']])).toBe('id,name\r\n1,Ana\r\n2,Bo\r\n');
  });

  it('quotes commas, quotes and line breaks', () => {
    expect(toCsv(['v'], [['a,b'], ['say "hi"'], ['two\nlines']])).toBe('v\r\n"a,b"\r\n"say ""hi"""\r\n"two\nlines"\r\n');
  });

  it('writes null as an empty field and objects as JSON', () => {
    expect(toCsv(['a', 'b', 'c'], [[null, { x: 1 }, true]])).toBe('a,b,c\r\n,"{""x"":1}",true\r\n');
  });

  it('pads short rows', () => {
    expect(toCsv(['a', 'b'], [[1]])).toBe('a,b\r\n1,\r\n');
  });
});
