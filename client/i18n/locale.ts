import type { ReactiveController, ReactiveControllerHost } from 'lit'
import { isLanguage, type Language } from '../../schema/languages.ts'
import { en } from './en.ts'
import { es, type MessageKey } from './es.ts'

const catalogues: Readonly<Record<Language, Readonly<Record<MessageKey, string>>>> = { es, en }
const listeners = new Set<() => void>()
let current: Language = 'es'
let rememberFor: string | null = null

function storageKey(username: string): string {
  return `cotejo:ui-language:${username}`
}

/** The interface language now. */
export function uiLanguage(): Language {
  return current
}

/** The message `key` in the interface language, with `{name}` placeholders filled from `params`. */
export function t(
  key: MessageKey,
  params: Readonly<Record<string, string>> = {},
  language: Language = current,
): string {
  return catalogues[language][key].replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole)
}

/** Switch the interface language, set `<html lang>`, and remember the choice for the signed-in user. */
export function setUiLanguage(language: Language): void {
  current = language
  document.documentElement.lang = language
  if (rememberFor !== null) localStorage.setItem(storageKey(rememberFor), language)
  for (const listener of listeners) listener()
}

/**
 * Remember language choices for `username` from now on (null when signed out), and switch to the
 * language that user chose last time; with no choice saved yet, the language in use now (perhaps
 * picked on the sign-in page) becomes that user's.
 */
export function rememberUiLanguageFor(username: string | null): void {
  rememberFor = username
  if (username === null) return
  const saved = localStorage.getItem(storageKey(username))
  if (!isLanguage(saved)) localStorage.setItem(storageKey(username), current)
  else if (saved !== current) setUiLanguage(saved)
}

/** Re-renders its host whenever the interface language changes. */
export class LocaleController implements ReactiveController {
  private readonly _listener = (): void => this._host.requestUpdate()

  /** Attach to `host`. */
  constructor(private readonly _host: ReactiveControllerHost) {
    _host.addController(this)
  }

  /** Start listening. */
  hostConnected(): void {
    listeners.add(this._listener)
  }

  /** Stop listening. */
  hostDisconnected(): void {
    listeners.delete(this._listener)
  }
}

export type { MessageKey }

/** True when `key` is a message of the catalogue (for keys made from a server's code, `err_<code>`). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key)
}
