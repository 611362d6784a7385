import { describe, expect, it } from 'vitest';
import { buildTermTree } from './tree';

const term = (name: string, parent?: string, isGroup = false) => ({ urn: name, name, isGroup, parent: parent ? { name: parent } : null });

describe('buildTermTree', () => {
  it('nests terms under their parents, groups first then by name', () => {
    const tree = buildTermTree([term('Revenue', 'Finance'), term('Finance', undefined, true), term('ARR', 'Finance'), term('Customer')]);
    expect(tree.map((n) => n.term.name)).toEqual(['Finance', 'Customer']);
    expect(tree[0].children.map((n) => n.term.name)).toEqual(['ARR', 'Revenue']);
  });

  it('keeps terms with an unknown parent as roots and survives cycles', () => {
    const tree = buildTermTree([term('A', 'B'), term('B', 'A'), term('Orphan', 'Missing')]);
    const names = (nodes: typeof tree): string[] => nodes.flatMap((n) => [n.term.name, ...names(n.children)]);
    expect(names(tree).sort()).toEqual(['A', 'B', 'Orphan']);
  });
});
