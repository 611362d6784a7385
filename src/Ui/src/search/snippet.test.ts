import { describe, expect, it } from 'vitest';
import { snippetParts } from './snippet';

describe('snippetParts', () => {
  it('marks highlighted words', () => {
    expect(snippetParts('monthly <b>billing</b> per <em>account</em>')).toEqual([
      { text: 'monthly ', marked: false }, { text: 'billing', marked: true }, { text: ' per ', marked: false }, { text: 'account', marked: true },
    ]);
  });

  it('keeps other tags as plain text', () => {
    expect(snippetParts('<script>alert(1)</script> <mark>x</mark>')).toEqual([
      { text: '<script>alert(1)</script> ', marked: false }, { text: 'x', marked: true },
    ]);
  });

  it('decodes escaped characters', () => {
    expect(snippetParts('a &lt; <B>b</B>')).toEqual([{ text: 'a < ', marked: false }, { text: 'b', marked: true }]);
  });
});
