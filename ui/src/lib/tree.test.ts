// Unit tests of the part list as a tree: what a click opens at any depth, the path, the arrow keys.
import { describe, expect, it } from 'vitest';
import type { OutlineNode } from './bindings';
import { ancestors, firstScorable, treeKey, within } from './tree';

function node(id: string, parent: string | null, depth: number, scored: boolean): OutlineNode {
  return { id, number: id, title: id, prompt: '', scheme: scored ? 's' : null, depth, parent, stakeholders: [] };
}

// Four levels: A > A.1 (part), A.2 > A.2.1 > A.2.1.1, A.2.1.2; A.2.2; B > B.1 > B.1.1 > B.1.1.1.
const nodes: OutlineNode[] = [
  node('A', null, 0, false),
  node('A.1', 'A', 1, true),
  node('A.2', 'A', 1, false),
  node('A.2.1', 'A.2', 2, false),
  node('A.2.1.1', 'A.2.1', 3, true),
  node('A.2.1.2', 'A.2.1', 3, true),
  node('A.2.2', 'A.2', 2, true),
  node('B', null, 0, false),
  node('B.1', 'B', 1, false),
  node('B.1.1', 'B.1', 2, false),
  node('B.1.1.1', 'B.1.1', 3, true),
];

describe('firstScorable', () => {
  it('opens a part itself', () => {
    expect(firstScorable(nodes, 'A.2.2')?.id).toBe('A.2.2');
  });
  it('opens a group’s first part at any depth, never one outside the group', () => {
    expect(firstScorable(nodes, 'A')?.id).toBe('A.1');
    expect(firstScorable(nodes, 'A.2')?.id).toBe('A.2.1.1');
    expect(firstScorable(nodes, 'B')?.id).toBe('B.1.1.1');
    expect(firstScorable(nodes, 'B.1.1')?.id).toBe('B.1.1.1');
  });
  it('finds nothing for an unknown id or a group without parts', () => {
    expect(firstScorable(nodes, 'Z')).toBeUndefined();
    expect(firstScorable([node('X', null, 0, false), node('Y', null, 0, true)], 'X')).toBeUndefined();
  });
});

describe('ancestors and within', () => {
  it('lists the path outermost first', () => {
    expect(ancestors(nodes, 'A.2.1.2').map((n) => n.id)).toEqual(['A', 'A.2', 'A.2.1']);
    expect(ancestors(nodes, 'A')).toEqual([]);
  });
  it('tells whether a node lies under another', () => {
    expect(within(nodes, 'A.2.1.2', 'A')).toBe(true);
    expect(within(nodes, 'A.2.1.2', 'A.2.1.2')).toBe(true);
    expect(within(nodes, 'B.1.1.1', 'A')).toBe(false);
  });
});

describe('treeKey', () => {
  it('moves up and down one row, and stops at the ends', () => {
    expect(treeKey(nodes, 0, 'ArrowDown')).toBe(1);
    expect(treeKey(nodes, 0, 'ArrowUp')).toBe(0);
    expect(treeKey(nodes, 10, 'ArrowDown')).toBe(10);
    expect(treeKey(nodes, 4, 'Home')).toBe(0);
    expect(treeKey(nodes, 4, 'End')).toBe(10);
  });
  it('goes to the parent on Left and the first child on Right', () => {
    expect(treeKey(nodes, 4, 'ArrowLeft')).toBe(3);
    expect(treeKey(nodes, 0, 'ArrowLeft')).toBe(0);
    expect(treeKey(nodes, 2, 'ArrowRight')).toBe(3);
    expect(treeKey(nodes, 1, 'ArrowRight')).toBe(1);
  });
  it('leaves other keys alone', () => {
    expect(treeKey(nodes, 1, 'a')).toBeNull();
  });
});
