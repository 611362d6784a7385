import type { GlossaryTermSummary } from '../api/types';

export interface TermTreeNode { term: GlossaryTermSummary; children: TermTreeNode[] }

/** Builds the term hierarchy from each term's parent; terms whose parent is unknown become roots. */
export function buildTermTree(terms: readonly GlossaryTermSummary[]): TermTreeNode[] {
  const byName = new Map<string, TermTreeNode>();
  for (const term of terms) byName.set(term.name, { term, children: [] });
  const roots: TermTreeNode[] = [];
  for (const node of byName.values()) {
    const parent = node.term.parent ? byName.get(node.term.parent.name) : undefined;
    if (parent && parent !== node && !isAncestor(node, parent)) parent.children.push(node);
    else roots.push(node);
  }
  const sort = (nodes: TermTreeNode[]) => {
    nodes.sort((a, b) => Number(b.term.isGroup) - Number(a.term.isGroup) || a.term.name.localeCompare(b.term.name));
    nodes.forEach((n) => sort(n.children));
  };
  sort(roots);
  return roots;
}

function isAncestor(candidate: TermTreeNode, of: TermTreeNode): boolean {
  const stack = [...candidate.children];
  while (stack.length) {
    const next = stack.pop()!;
    if (next === of) return true;
    stack.push(...next.children);
  }
  return false;
}
