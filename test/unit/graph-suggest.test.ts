import { describe, expect, it } from 'vitest';
import { findCycle, longestPath, reachable, successors } from '../../src/catalog/graph.js';
import { nearest } from '../../src/catalog/suggest.js';

describe('step graph', () => {
  const branching = [
    { id: 'receive' },
    { id: 'split', next: ['police', 'health'] },
    { id: 'police', next: ['join'] },
    { id: 'health', next: ['join'] },
    { id: 'join' },
    { id: 'return' },
  ];

  it('follows list order unless next says otherwise', () => {
    const g = successors(branching);
    expect(g.get('receive')).toEqual(['split']);
    expect(g.get('split')).toEqual(['police', 'health']);
    expect(g.get('join')).toEqual(['return']);
    expect(g.get('return')).toEqual([]);
  });

  it('takes the heavier branch for the longest path', () => {
    const w: Record<string, number> = { receive: 60, split: 30, police: 480, health: 240, join: 120, return: 30 };
    // receive + split + police + join + return = 60 + 30 + 480 + 120 + 30 = 720 (health's branch: 480).
    expect(longestPath(successors(branching), 'receive', (id) => w[id]!)).toEqual({
      total: 720,
      path: ['receive', 'split', 'police', 'join', 'return'],
    });
  });

  it('finds a cycle and names it', () => {
    const g = successors([{ id: 'a' }, { id: 'b' }, { id: 'c', next: ['a'] }]);
    expect(findCycle(g)).toEqual(['a', 'b', 'c', 'a']);
    expect(longestPath(g, 'a', () => 1)).toBeUndefined();
  });

  it('reports what is reachable from the first step', () => {
    const g = successors([{ id: 'a', next: ['c'] }, { id: 'b' }, { id: 'c' }]);
    expect([...reachable(g, 'a')].sort()).toEqual(['a', 'c']);
  });

  it('handles a long chain without recursion limits', () => {
    const steps = Array.from({ length: 5000 }, (_, i) => ({ id: `s${i}` }));
    const g = successors(steps);
    expect(findCycle(g)).toBeUndefined();
    expect(longestPath(g, 's0', () => 1)!.total).toBe(5000);
  });
});

describe('nearest', () => {
  it.each([
    ['so-xd2', ['so-xd', 'so-tp', 'ttpvhcc'], 'so-xd'],
    ['duraton', ['duration', 'unit', 'next'], 'duration'],
    ['one-stp', ['one-stop', 'inter-agency'], 'one-stop'],
    ['zzzzzz', ['so-xd', 'so-tp'], undefined],
  ])('%s → %s', (word, cands, want) => {
    expect(nearest(word, cands)).toBe(want);
  });
});
