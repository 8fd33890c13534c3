import { Fragment, Slice, type Node } from 'prosemirror-model'

function withoutIds(fragment: Fragment): Fragment {
  const nodes: Node[] = []
  fragment.forEach((node) => {
    if (node.isText) {
      nodes.push(node)
      return
    }
    const attrs = 'id' in node.attrs ? { ...node.attrs, id: null } : node.attrs
    nodes.push(node.type.create(attrs, withoutIds(node.content), node.marks))
  })
  return Fragment.from(nodes)
}

/**
 * A pasted slice with every block id cleared, so the block-id plugin gives pasted blocks fresh
 * ids instead of duplicating the ids of the blocks they were copied from (which would tie them to
 * the other language's blocks).
 */
export function clearPastedBlockIds(slice: Slice): Slice {
  return new Slice(withoutIds(slice.content), slice.openStart, slice.openEnd)
}
