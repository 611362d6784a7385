import { EditorState } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { errorRange } from './SqlEditor';

describe('errorRange', () => {
  const state = EditorState.create({ doc: 'SELECT *\nFROM nope_table\nWHERE x' });

  it('points at the word a 1-based line and column name', () => {
    const { from, to } = errorRange(state, 2, 6);
    expect(state.sliceDoc(from, to)).toBe('nope_table');
  });

  it('clamps positions outside the document', () => {
    const { from, to } = errorRange(state, 99, 99);
    expect(from).toBeLessThanOrEqual(state.doc.length);
    expect(to).toBeGreaterThanOrEqual(from);
  });
});
