import { strFromU8, unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { reportToDocx } from '../../../schema/index.ts'
import { actorSection, doc, p, reportOf, row, table } from '../../helpers/documents.ts'

const report = reportOf([
  actorSection(
    'iom',
    doc(p('a', 'La OIM <b>&</b> el ACNUR'), table([row('r1', { executed: 'Asistencia a 120 víctimas', financing: 'Fondo Regular' })])),
    doc(p('a', 'IOM and UNHCR'), table([row('r1', { executed: 'Assistance to 120 victims' })])),
  ),
])

function documentXml(bytes: Uint8Array): string {
  const files = unzipSync(bytes)
  expect(Object.keys(files)).toContain('word/document.xml')
  return strFromU8(files['word/document.xml']!)
}

describe('reportToDocx', () => {
  it('writes a Word file with the Spanish text, table headings from the column set and escaped markup', async () => {
    const xml = documentXml(await reportToDocx(report, { language: 'es' }))
    expect(xml).toContain('Asistencia a 120 víctimas')
    expect(xml).toContain('Tipo de financiamiento (solo para SG/OEA)')
    expect(xml).toContain('La OIM &lt;b&gt;&amp;&lt;/b&gt; el ACNUR')
    expect(xml).not.toContain('Assistance to 120 victims')
  })

  it('puts both languages side by side', async () => {
    const xml = documentXml(await reportToDocx(report, { language: 'both' }))
    expect(xml.indexOf('Asistencia a 120 víctimas')).toBeLessThan(xml.indexOf('Assistance to 120 victims'))
    expect(xml).toContain('Type of financing (only for SG/OAS)')
  })
})
