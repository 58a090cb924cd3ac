// The walk-through's part list as a tree of any depth: which node a click opens, where the arrow keys go, the path to a node.
import type { OutlineNode } from './bindings';

/** The node itself when it is scored, else its first scored descendant in framework order. */
export function firstScorable(nodes: readonly OutlineNode[], id: string): OutlineNode | undefined {
  const start = nodes.findIndex((n) => n.id === id);
  const node = nodes[start];
  if (!node) return undefined;
  if (node.scheme !== null) return node;
  // Framework order lists parents before children, so the descendants follow the node until a
  // node at the same depth or shallower.
  for (const next of nodes.slice(start + 1)) {
    if (next.depth <= node.depth) break;
    if (next.scheme !== null) return next;
  }
  return undefined;
}

/** The node's ancestors, outermost first. */
export function ancestors(nodes: readonly OutlineNode[], id: string): OutlineNode[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const path: OutlineNode[] = [];
  let parent = byId.get(id)?.parent ?? null;
  while (parent !== null) {
    const node = byId.get(parent);
    if (!node) break;
    path.unshift(node);
    parent = node.parent;
  }
  return path;
}

/** Whether `id` is `ancestor` or lies under it. */
export function within(nodes: readonly OutlineNode[], id: string, ancestor: string): boolean {
  return id === ancestor || ancestors(nodes, id).some((n) => n.id === ancestor);
}

/**
 * Where a key press moves the focus in the (always open) tree, as an index into `nodes`:
 * Up/Down to the previous/next row, Home/End to the first/last, Left to the parent, Right to the
 * first child. Returns null for keys the tree does not handle.
 */
export function treeKey(nodes: readonly OutlineNode[], focused: number, key: string): number | null {
  const last = nodes.length - 1;
  switch (key) {
    case 'ArrowDown':
      return Math.min(last, focused + 1);
    case 'ArrowUp':
      return Math.max(0, focused - 1);
    case 'Home':
      return 0;
    case 'End':
      return last;
    case 'ArrowLeft': {
      const parent = nodes[focused]?.parent;
      const index = parent === null || parent === undefined ? -1 : nodes.findIndex((n) => n.id === parent);
      return index < 0 ? focused : index;
    }
    case 'ArrowRight': {
      const next = nodes[focused + 1];
      return next && next.parent === nodes[focused]?.id ? focused + 1 : focused;
    }
    default:
      return null;
  }
}
