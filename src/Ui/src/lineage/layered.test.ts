import { describe, expect, it } from 'vitest';
import { layeredLayout } from './layered';

const options = { nodeWidth: 100, nodeHeight: 40, rankSep: 50, nodeSep: 10 };

describe('layeredLayout', () => {
  it('puts every node right of all its upstream nodes', () => {
    const edges = [['a', 'b'], ['b', 'c'], ['a', 'c'], ['d', 'c']] as const;
    const at = layeredLayout(['a', 'b', 'c', 'd'], edges, options);
    for (const [from, to] of edges) expect(at.get(from)!.x).toBeLessThan(at.get(to)!.x);
  });

  it('places every node of a cycle without overlapping two of them', () => {
    const at = layeredLayout(['a', 'b', 'c'], [['a', 'b'], ['b', 'c'], ['c', 'a']], options);
    expect(at.size).toBe(3);
    const spots = new Set([...at.values()].map((p) => `${p.x},${p.y}`));
    expect(spots.size).toBe(3);
  });

  it('orders a rank after its neighbours so parallel chains do not cross', () => {
    const at = layeredLayout(['a1', 'b1', 'a2', 'b2'], [['a1', 'a2'], ['b1', 'b2']], options);
    expect(Math.sign(at.get('a1')!.y - at.get('b1')!.y)).toBe(Math.sign(at.get('a2')!.y - at.get('b2')!.y));
  });

  it('lays out a thousand nodes and two thousand edges in well under a second', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => `n${i}`);
    const edges = Array.from({ length: 2000 }, (_, i) => [`n${i % 900}`, `n${Math.min(999, (i % 900) + 100 + (i % 7))}`] as const);
    const started = performance.now();
    const at = layeredLayout(ids, edges, options);
    expect(at.size).toBe(1000);
    // Loose for a shared, loaded CI machine; it takes a few milliseconds.
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
