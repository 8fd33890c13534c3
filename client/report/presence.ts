import type { Awareness } from 'y-protocols/awareness'
import type { PresenceUser } from '../editor/section-editor.ts'

/**
 * Cursor colours, 6-digit hex (y-prosemirror only accepts that form), dark enough for white label
 * text to stay readable (contrast ≥ 4.5:1).
 */
const palette = ['#1f6feb', '#b3261e', '#1a7f37', '#8250df', '#9a6700', '#bf3989', '#0a6e8a', '#6e4c13'] as const

/** A stable colour for `username`, the same in every browser. */
export function colorFor(username: string): string {
  let hash = 0
  for (const char of username) hash = (hash * 31 + char.codePointAt(0)!) >>> 0
  return palette[hash % palette.length]!
}

/** Another person on the page: their awareness client id and what they publish. */
export interface Peer {
  readonly clientId: number
  readonly user: PresenceUser
}

/** The people on the page other than this browser, with a valid `user` field. */
export function peersOf(awareness: Awareness): Peer[] {
  const peers: Peer[] = []
  awareness.getStates().forEach((state, clientId) => {
    if (clientId === awareness.clientID) return
    const user = (state as { user?: Partial<PresenceUser> }).user
    if (!user || typeof user.name !== 'string' || typeof user.color !== 'string') return
    peers.push({
      clientId,
      user: {
        name: user.name,
        color: user.color,
        ...(typeof user.actor === 'string' ? { actor: user.actor } : {}),
        ...(typeof user.section === 'string' ? { section: user.section } : {}),
      },
    })
  })
  return peers
}

/** The peers grouped by the section they are in. */
export function peersBySection(peers: readonly Peer[]): Map<string, Peer[]> {
  const map = new Map<string, Peer[]>()
  for (const peer of peers) {
    if (!peer.user.section) continue
    const list = map.get(peer.user.section) ?? []
    list.push(peer)
    map.set(peer.user.section, list)
  }
  return map
}
