import { html, nothing, type TemplateResult } from 'lit'
import type { WordChange } from '../../schema/index.ts'
import { t } from '../i18n/locale.ts'

/**
 * A word diff as inline markup: insertions in `<ins>`, deletions in `<del>`, kept text as is.
 * Lit escapes every text, so document content can never become markup. Screen readers get the
 * words "inserted"/"deleted" from the elements' titles.
 */
export function wordChanges(words: readonly WordChange[]): TemplateResult | typeof nothing {
  if (words.length === 0) return nothing
  return html`${words.map((word) =>
    word.op === 'insert'
      ? html`<ins title=${t('inserted')}>${word.text}</ins>`
      : word.op === 'delete'
        ? html`<del title=${t('deleted')}>${word.text}</del>`
        : html`<span>${word.text}</span>`,
  )}`
}
