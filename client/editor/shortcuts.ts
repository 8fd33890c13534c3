// Keyboard shortcuts as the toolbar shows and announces them, from the key names ProseMirror's
// keymap uses (`Mod-Enter`, `Shift-Mod-8`, `Alt-ArrowUp`): one spelling, so a button's
// `aria-keyshortcuts` and its tooltip cannot drift from the key that works.

import { t, type MessageKey } from '../i18n/locale.ts'

/** True on Apple systems, where ProseMirror's `Mod` is Cmd. */
const apple = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform)

/** The keys with a name of their own in the catalogues (`key_Shift`: Mayús, Shift). */
const namedKeys: ReadonlySet<string> = new Set([
  'Control',
  'Meta',
  'Alt',
  'Shift',
  'Enter',
  'Backspace',
  'ArrowUp',
  'ArrowDown',
])

/** The keys of a ProseMirror key name, modifiers first, in `aria-keyshortcuts` spelling. */
function keysOf(keymapName: string): string[] {
  const parts = keymapName.split(/-(?!$)/)
  const key = parts.pop() ?? ''
  const modifiers = parts.map((part) =>
    part === 'Mod' ? (apple ? 'Meta' : 'Control') : part === 'Ctrl' ? 'Control' : part,
  )
  const order = ['Control', 'Meta', 'Alt', 'Shift']
  modifiers.sort((a, b) => order.indexOf(a) - order.indexOf(b))
  return [...modifiers, key.length === 1 ? key.toUpperCase() : key]
}

/** The `aria-keyshortcuts` value of a ProseMirror key name: `Mod-Enter` → `Control+Enter`. */
export function ariaShortcut(keymapName: string): string {
  return keysOf(keymapName).join('+')
}

/** The shortcut as a person reads it in the interface language: `Shift-Mod-8` → `Ctrl+Mayús+8`. */
export function shortcutText(keymapName: string): string {
  return keysOf(keymapName)
    .map((key) => (namedKeys.has(key) ? t(`key_${key}` as MessageKey) : key))
    .join('+')
}
