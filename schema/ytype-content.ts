// What a Yjs type holds besides what its kind shows: a list type's map entries, a map's list
// items. Yjs accepts both on any type, and `toArray()`/`entries()` hide them.

import type * as Y from 'yjs'

/** True when `type` holds map entries (attributes, keys) that are not deleted. */
export function hasMapEntries(type: { readonly _map: Map<string, Y.Item> }): boolean {
  for (const item of type._map.values()) if (!item.deleted) return true
  return false
}

/** True when `type` holds list items (not map entries) that are not deleted. */
export function hasListContent(type: { readonly _start: Y.Item | null }): boolean {
  for (let item = type._start; item !== null; item = item.right) if (!item.deleted && item.countable) return true
  return false
}
