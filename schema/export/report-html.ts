import type { Language } from '../languages.ts'
import type { Report, Section } from '../report.ts'
import { nodeHtml } from './body-html.ts'
import { escapeHtml } from './escape.ts'

/** Which languages an export shows: one, or both side by side. */
export type ExportLanguage = Language | 'both'

/** Options of {@link reportToHtml}. */
export interface ReportHtmlOptions {
  /** `es`, `en`, or `both` side by side. Default `both`. */
  readonly language?: ExportLanguage
  /** A line under the title, such as the version exported. Default: none. */
  readonly subtitle?: string
}

const pageStyle = `
body{font-family:Georgia,'Times New Roman',serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#1b1b1b;line-height:1.45}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem}.groups{color:#555;font-size:.9rem;margin:0}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #999;padding:.3rem;vertical-align:top;text-align:left}
th{background:#eee;font-size:.85rem}.bilingual{display:grid;grid-template-columns:1fr 1fr;gap:1.5rem}
.bilingual>div{min-width:0}.lang{font-size:.75rem;color:#555;text-transform:uppercase;letter-spacing:.05em}
.subtitle{color:#555}@media print{.bilingual{gap:.8rem}}
`

function sectionHeading(section: Section, language: Language): string {
  const groups = section.groups
    .map((group) => escapeHtml(group[language]))
    .filter(Boolean)
    .join(' › ')
  return `${groups ? `<p class="groups">${groups}</p>` : ''}<h2>${escapeHtml(section.heading[language])}</h2>`
}

function sectionHtml(section: Section, language: ExportLanguage): string {
  if (language !== 'both') {
    return `<section id="${escapeHtml(section.id)}">${sectionHeading(section, language)}${nodeHtml(section[language], language)}</section>`
  }
  const side = (lang: Language): string =>
    `<div lang="${lang}"><p class="lang">${lang === 'es' ? 'Español' : 'English'}</p>${sectionHeading(section, lang)}${nodeHtml(section[lang], lang)}</div>`
  return `<section id="${escapeHtml(section.id)}" class="bilingual">${side('es')}${side('en')}</section>`
}

/**
 * A standalone HTML page of `report`: one language, or both side by side, one row per section.
 * Everything taken from the report is escaped.
 */
export function reportToHtml(report: Report, { language = 'both', subtitle }: ReportHtmlOptions = {}): string {
  const title = language === 'both' ? `${report.meta.title.es} / ${report.meta.title.en}` : report.meta.title[language]
  const lang = language === 'both' ? 'es' : language
  return [
    '<!doctype html>',
    `<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<title>${escapeHtml(title)}</title><style>${pageStyle}</style></head><body>`,
    `<header><h1>${escapeHtml(title)}</h1>${report.meta.symbol ? `<p class="subtitle">${escapeHtml(report.meta.symbol)}</p>` : ''}`,
    subtitle ? `<p class="subtitle">${escapeHtml(subtitle)}</p>` : '',
    '</header><main>',
    ...report.sections.map((section) => sectionHtml(section, language)),
    '</main></body></html>',
  ].join('\n')
}
