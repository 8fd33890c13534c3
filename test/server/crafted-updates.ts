// Hand-built Yjs updates (v1 encoding), for attacking the guard with structs no Yjs client would
// make: any client id and clock, declared parents that disagree with neighbours, garbage and skip
// structs, any content, and delete ranges reaching anywhere.

import * as encoding from 'lib0/encoding'

/** An id: a client and a clock. */
export interface CraftedId {
  readonly client: number
  readonly clock: number
}

/** The content of a crafted item. */
export type CraftedContent =
  | { readonly kind: 'string'; readonly text: string }
  | { readonly kind: 'any'; readonly values: readonly (string | number | boolean | null)[] }
  | { readonly kind: 'deleted'; readonly length: number }
  | { readonly kind: 'format'; readonly key: string; readonly value: unknown }
  | { readonly kind: 'embed'; readonly value: unknown }
  | { readonly kind: 'binary'; readonly bytes: Uint8Array }
  /** typeRef: 0 array, 1 map, 2 text, 3 xml element (with `name`), 4 xml fragment, 5 xml hook (with `name`), 6 xml text. */
  | { readonly kind: 'type'; readonly typeRef: number; readonly name?: string }
  | { readonly kind: 'doc'; readonly guid: string }

/** A crafted struct. Items name their place by origins, or, without both origins, by a parent. */
export type CraftedStruct =
  | {
      readonly kind: 'item'
      readonly origin?: CraftedId
      readonly rightOrigin?: CraftedId
      /** A root name, or the id of the item holding the parent type; used only when there is no origin. */
      readonly parent?: string | CraftedId
      readonly parentSub?: string
      readonly content: CraftedContent
    }
  | { readonly kind: 'gc'; readonly length: number }
  | { readonly kind: 'skip'; readonly length: number }

/** Structs of one client, consecutive from `clock`. */
export interface CraftedRun {
  readonly client: number
  readonly clock: number
  readonly structs: readonly CraftedStruct[]
}

/** A deleted range. */
export interface CraftedDeletion {
  readonly client: number
  readonly clock: number
  readonly length: number
}

const contentRefs = {
  gc: 0,
  deleted: 1,
  json: 2,
  binary: 3,
  string: 4,
  embed: 5,
  format: 6,
  type: 7,
  any: 8,
  doc: 9,
  skip: 10,
} as const

function writeContent(encoder: encoding.Encoder, content: CraftedContent): void {
  switch (content.kind) {
    case 'string':
      encoding.writeVarString(encoder, content.text)
      return
    case 'any':
      encoding.writeVarUint(encoder, content.values.length)
      for (const value of content.values) encoding.writeAny(encoder, value)
      return
    case 'deleted':
      encoding.writeVarUint(encoder, content.length)
      return
    case 'format':
      encoding.writeVarString(encoder, content.key)
      encoding.writeVarString(encoder, JSON.stringify(content.value))
      return
    case 'embed':
      encoding.writeVarString(encoder, JSON.stringify(content.value))
      return
    case 'binary':
      encoding.writeVarUint8Array(encoder, content.bytes)
      return
    case 'type':
      encoding.writeVarUint(encoder, content.typeRef)
      if (content.typeRef === 3 || content.typeRef === 5) encoding.writeVarString(encoder, content.name ?? 'paragraph')
      return
    case 'doc':
      encoding.writeVarString(encoder, content.guid)
      encoding.writeAny(encoder, {})
      return
  }
}

/** Encodes runs and deletions as a Yjs v1 update, exactly as written (no checks, no sorting). */
export function craftUpdate(runs: readonly CraftedRun[], deletions: readonly CraftedDeletion[] = []): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, runs.length)
  for (const run of runs) {
    encoding.writeVarUint(encoder, run.structs.length)
    encoding.writeVarUint(encoder, run.client)
    encoding.writeVarUint(encoder, run.clock)
    for (const struct of run.structs) {
      if (struct.kind === 'gc' || struct.kind === 'skip') {
        encoding.writeUint8(encoder, contentRefs[struct.kind])
        encoding.writeVarUint(encoder, struct.length)
        continue
      }
      const info =
        (contentRefs[struct.content.kind] & 0b11111) |
        (struct.origin ? 0x80 : 0) |
        (struct.rightOrigin ? 0x40 : 0) |
        (struct.parentSub !== undefined ? 0x20 : 0)
      encoding.writeUint8(encoder, info)
      if (struct.origin) {
        encoding.writeVarUint(encoder, struct.origin.client)
        encoding.writeVarUint(encoder, struct.origin.clock)
      }
      if (struct.rightOrigin) {
        encoding.writeVarUint(encoder, struct.rightOrigin.client)
        encoding.writeVarUint(encoder, struct.rightOrigin.clock)
      }
      if (!struct.origin && !struct.rightOrigin) {
        const parent = struct.parent ?? 'meta'
        if (typeof parent === 'string') {
          encoding.writeVarUint(encoder, 1)
          encoding.writeVarString(encoder, parent)
        } else {
          encoding.writeVarUint(encoder, 0)
          encoding.writeVarUint(encoder, parent.client)
          encoding.writeVarUint(encoder, parent.clock)
        }
        if (struct.parentSub !== undefined) encoding.writeVarString(encoder, struct.parentSub)
      }
      writeContent(encoder, struct.content)
    }
  }
  const byClient = new Map<number, CraftedDeletion[]>()
  for (const deletion of deletions) byClient.set(deletion.client, [...(byClient.get(deletion.client) ?? []), deletion])
  encoding.writeVarUint(encoder, byClient.size)
  for (const [client, list] of byClient) {
    encoding.writeVarUint(encoder, client)
    encoding.writeVarUint(encoder, list.length)
    for (const deletion of list) {
      encoding.writeVarUint(encoder, deletion.clock)
      encoding.writeVarUint(encoder, deletion.length)
    }
  }
  return encoding.toUint8Array(encoder)
}

/** The y-websocket message carrying `update` (sync, update). */
export function updateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 0)
  encoding.writeVarUint(encoder, 2)
  encoding.writeVarUint8Array(encoder, update)
  return encoding.toUint8Array(encoder)
}
