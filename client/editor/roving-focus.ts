// Roving focus for a toolbar (WAI-ARIA toolbar pattern): the toolbar is one tab stop; the arrow
// keys, Home and End move between its enabled buttons. Plain functions over the DOM, so a
// component calls them from its keydown handler and after each render.

/** The buttons of `toolbar` that can take the focus. */
function stops(toolbar: HTMLElement): HTMLButtonElement[] {
  return [...toolbar.querySelectorAll<HTMLButtonElement>('button')].filter(
    (button) => !button.disabled && button.getAttribute('aria-hidden') !== 'true',
  )
}

/**
 * Leaves exactly one enabled button of `toolbar` in the tab order: the focused one, else the one
 * that was the stop before (if still enabled), else the first. Call after every render: buttons
 * come and go (the row tools) and are enabled or disabled with the selection.
 */
export function settleRovingStop(toolbar: HTMLElement): void {
  const enabled = stops(toolbar)
  const all = toolbar.querySelectorAll<HTMLButtonElement>('button')
  const active = toolbar.ownerDocument.activeElement
  const stop =
    enabled.find((button) => button === active) ??
    enabled.find((button) => button.getAttribute('tabindex') === '0') ??
    enabled[0]
  for (const button of all) {
    const wanted = button === stop ? '0' : '-1'
    if (button.getAttribute('tabindex') !== wanted) button.setAttribute('tabindex', wanted)
  }
}

/** Moves the focus to the first (or the current stop's) button of `toolbar`; false when none is enabled. */
export function focusToolbar(toolbar: HTMLElement): boolean {
  settleRovingStop(toolbar)
  const stop = stops(toolbar).find((button) => button.getAttribute('tabindex') === '0')
  stop?.focus()
  return stop !== undefined
}

/**
 * Handles ArrowLeft/ArrowRight (ArrowUp/ArrowDown too), Home and End in `toolbar`: moves the focus
 * and the tab stop. Returns true (and prevents the default) when the key was one of them.
 */
export function rovingKeydown(event: KeyboardEvent, toolbar: HTMLElement): boolean {
  const enabled = stops(toolbar)
  if (enabled.length === 0 || event.altKey || event.ctrlKey || event.metaKey) return false
  const index = enabled.indexOf(event.target as HTMLButtonElement)
  const step: Readonly<Record<string, number>> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }
  let next: number
  if (event.key in step) next = (Math.max(index, 0) + step[event.key]! + enabled.length) % enabled.length
  else if (event.key === 'Home') next = 0
  else if (event.key === 'End') next = enabled.length - 1
  else return false
  event.preventDefault()
  for (const button of toolbar.querySelectorAll('button')) button.setAttribute('tabindex', '-1')
  enabled[next]!.setAttribute('tabindex', '0')
  enabled[next]!.focus()
  return true
}
