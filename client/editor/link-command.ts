import type { Command } from 'prosemirror-state'
import { schema } from '../../schema/prosemirror-schema.ts'

/** Schemes the editor accepts for links; the schema refuses anything else anyway. */
export const allowedLinkPattern = /^(https?:\/\/|mailto:)\S+$/i

/** True when `href` is an http, https or mailto address. */
export function isAllowedLink(href: string): boolean {
  return allowedLinkPattern.test(href)
}

/**
 * A command that links the selection to `href`, or removes links from it when `href` is empty.
 * With an empty selection it inserts the address itself as linked text. Refuses (returns false)
 * addresses that are not http, https or mailto.
 */
export function setLink(href: string): Command {
  const link = schema.marks['link']!
  return (state, dispatch) => {
    const { from, to, empty } = state.selection
    const trimmed = href.trim()
    if (trimmed === '') {
      if (empty) return false
      if (dispatch) dispatch(state.tr.removeMark(from, to, link))
      return true
    }
    if (!isAllowedLink(trimmed)) return false
    if (dispatch) {
      const mark = link.create({ href: trimmed })
      const tr = empty ? state.tr.insert(from, schema.text(trimmed, [mark])) : state.tr.addMark(from, to, mark)
      dispatch(tr.scrollIntoView())
    }
    return true
  }
}

/** The href of the link at the selection's start, or '' when there is none. */
export function linkAtSelection(state: Parameters<Command>[0]): string {
  const mark = schema.marks['link']!.isInSet(state.selection.$from.marks())
  return mark ? String(mark.attrs['href']) : ''
}
