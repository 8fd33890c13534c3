import { describe, expect, it } from 'vitest'
import { reportToHtml, type Report } from '../../../schema/index.ts'

const hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'

const report: Report = {
  id: 'sample',
  meta: {
    title: { es: 'Informe <b>anual</b>', en: 'Annual report' },
    kind: 'annual-report',
    status: 'draft',
    symbol: 'CP/CAJP-3035/12',
    front: { es: '', en: '' },
  },
  actors: [
    {
      id: 'iom',
      name: { es: 'Organización Internacional para las Migraciones', en: 'International Organization for Migration' },
      acronym: { es: 'OIM', en: 'IOM' },
    },
  ],
  sections: [
    {
      id: 'iom',
      kind: 'actor',
      actor: 'iom',
      heading: { es: 'B.4. OIM', en: 'B.3. IOM' },
      groups: [{ es: 'Organismos Internacionales', en: 'Multilateral organizations' }],
      es: {
        type: 'doc',
        content: [
          {
            type: 'report_table',
            attrs: { id: 't', kind: 'actor' },
            content: [
              {
                type: 'table_row',
                attrs: { id: 'r1' },
                content: ['mandate', 'programmed', 'executed', 'planned', 'financing'].map((column) => ({
                  type: 'table_cell',
                  attrs: { column },
                  content: [
                    {
                      type: 'paragraph',
                      attrs: { id: `p-${column}` },
                      content: [{ type: 'text', text: column === 'executed' ? hostile : column }],
                    },
                  ],
                })),
              },
            ],
          },
        ],
      },
      en: {
        type: 'doc',
        content: [
          {
            type: 'paragraph',
            attrs: { id: 'p1' },
            content: [
              {
                type: 'text',
                text: 'see',
                marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)', title: null } }],
              },
            ],
          },
        ],
      },
    },
  ],
}

describe('reportToHtml', () => {
  it('escapes imported text so it is never markup', () => {
    const html = reportToHtml(report, { language: 'es' })
    expect(html).not.toContain('<script>alert')
    expect(html).not.toContain('<img src=x')
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;')
    expect(html).toContain('Informe &lt;b&gt;anual&lt;/b&gt;')
  })

  it('renders actor table headings from the column set in the page language', () => {
    expect(reportToHtml(report, { language: 'es' })).toContain(
      '<th scope="col">Tipo de financiamiento (solo para SG/OEA)</th>',
    )
    expect(reportToHtml(report, { language: 'en' })).not.toContain('Tipo de financiamiento')
  })

  it('puts both languages side by side, one row per section', () => {
    const html = reportToHtml(report, { language: 'both' })
    expect(html).toMatch(
      /<section id="iom" class="bilingual"><div lang="es">.*B\.4\. OIM.*<\/div><div lang="en">.*B\.3\. IOM/s,
    )
  })

  it('drops links whose scheme is not http, https or mailto', () => {
    const html = reportToHtml(report, { language: 'en' })
    expect(html).not.toContain('javascript:')
    expect(html).toContain('<p data-block-id="p1">see</p>')
  })
})
