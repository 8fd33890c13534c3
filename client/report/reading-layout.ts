// Which languages the report page shows: a choice of each person, remembered in this browser.

/** Both languages side by side, or one of them across the full width. */
export type ReadingLayout = 'both' | 'es' | 'en'

/** Every layout, in the order the switch offers them. */
export const readingLayouts: readonly ReadingLayout[] = ['both', 'es', 'en']

/** True when `value` names a layout. */
export function isReadingLayout(value: unknown): value is ReadingLayout {
  return value === 'both' || value === 'es' || value === 'en'
}

function storageKey(username: string): string {
  return `cotejo:reading-layout:${username}`
}

/** The layout `username` chose last in this browser; `both` (the page interface.md describes) until then. */
export function savedReadingLayout(username: string): ReadingLayout {
  const saved = localStorage.getItem(storageKey(username))
  return isReadingLayout(saved) ? saved : 'both'
}

/** Remember `layout` for `username` in this browser (like the interface language, `i18n/locale.ts`). */
export function saveReadingLayout(username: string, layout: ReadingLayout): void {
  localStorage.setItem(storageKey(username), layout)
}
