import { LitElement, html, nothing, type TemplateResult } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import type { Language } from '../../schema/languages.ts'
import { LocaleController, isMessageKey, t, uiLanguage } from '../i18n/locale.ts'
import type { ImportPreview } from './import-api.ts'

type Warning = ImportPreview['warnings'][number]

/** Where a warning was found, in words of the interface language: the original, the line, the section. */
function placeOf(warning: Warning): string {
  const parts: string[] = []
  if (warning.language) parts.push(t(warning.language === 'es' ? 'importOriginalEs' : 'importOriginalEn'))
  if (warning.line !== undefined) parts.push(t('importLine', { line: String(warning.line) }))
  if (warning.section) parts.push(t('importSection', { section: warning.section }))
  return parts.join(', ')
}

/** What a warning's code means, in the interface language (a code the catalogue lacks: the code itself). */
function labelOf(code: string): string {
  const key = `importWarning_${code}`
  return isMessageKey(key) ? t(key) : code
}

/**
 * What an import would create, before it does: the report's id, kind and title, a table of its
 * warnings the importer found (first: they are what to read before confirming), and a table
 * of the sections (heading in each language, kind, actor) in reading order. The importer's own sentences are English, and are marked so (`lang="en"`);
 * what they concern is said in the interface language.
 */
@customElement('import-preview')
export class ImportPreviewView extends LitElement {
  /** The server's preview (`POST /api/reports/import?preview=1`). */
  @property({ attribute: false }) preview: ImportPreview | null = null

  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: a Lit controller; it re-renders its host when the language changes
  private readonly _locale = new LocaleController(this)

  override createRenderRoot(): HTMLElement {
    return this
  }

  private _heading(text: string, language: Language): TemplateResult {
    return text === ''
      ? html`<span class="muted">${t('importNoHeading')}</span>`
      : html`<span lang=${language}>${text}</span>`
  }

  private _renderWarnings(warnings: readonly Warning[]): TemplateResult {
    if (warnings.length === 0) return html`<p data-testid="import-no-warnings">${t('importNoWarnings')}</p>`
    return html`<ul class="import-warnings">
      ${warnings.map(
        (warning) => html`<li data-code=${warning.code}>
          <strong>${labelOf(warning.code)}</strong>
          ${placeOf(warning) ? html`<span class="import-warning-place">${placeOf(warning)}</span>` : nothing}
          <span class="import-warning-message" lang="en">${warning.message}</span>
        </li>`,
      )}
    </ul>`
  }

  override render(): TemplateResult {
    const preview = this.preview
    if (!preview) return html``
    const language = uiLanguage()
    const title = preview.title[language] || preview.title.es || preview.title.en
    return html`<h2 id="import-preview-title" tabindex="-1">${t('importPreviewTitle')}</h2>
      <p class="import-summary">
        ${t('importWillCreate', { id: preview.id, kind: t(`kind_${preview.kind}`), n: String(preview.sections.length) })}
      </p>
      ${
        title
          ? html`<p class="import-title"><span class="muted">${t('importReportTitle')}</span>
              <span lang=${preview.title[language] ? language : 'es'}>${title}</span></p>`
          : nothing
      }
      <h3 id="import-warnings-title">${t('importWarningsTitle', { n: String(preview.warnings.length) })}</h3>
      ${this._renderWarnings(preview.warnings)}
      <table class="admin-table import-sections">
        <caption>${t('importSectionsCaption')}</caption>
        <thead><tr>
          <th scope="col">${t('importColNumber')}</th>
          <th scope="col">${t('importColHeadingEs')}</th>
          <th scope="col">${t('importColHeadingEn')}</th>
          <th scope="col">${t('importColKind')}</th>
          <th scope="col">${t('importColActor')}</th>
        </tr></thead>
        <tbody>
          ${preview.sections.map(
            (section, index) => html`<tr data-section=${section.id}>
              <td>${index + 1}</td>
              <td>${this._heading(section.heading.es, 'es')}</td>
              <td>${this._heading(section.heading.en, 'en')}</td>
              <td>${t(section.kind === 'actor' ? 'importKindActor' : 'importKindNarrative')}</td>
              <td>${section.actor ? html`<code>${section.actor}</code>` : html`<span class="muted">—</span>`}</td>
            </tr>`,
          )}
        </tbody>
      </table>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'import-preview': ImportPreviewView
  }
}
