import { describe, expect, it } from 'vitest'
import { anchorsOf, anchorSimilarity } from '../../../schema/import/anchors.ts'
import { alignUnits } from '../../../schema/import/block-alignment.ts'

function units(texts: readonly string[]) {
  return texts.map((text) => ({ length: text.length, anchors: anchorsOf(text) }))
}

describe('anchorsOf', () => {
  it('maps acronyms through the term list and numbers across separators', () => {
    expect(
      anchorSimilarity(anchorsOf('La OIM y el ACNUR: 60.000 personas'), anchorsOf('IOM and UNHCR: 60,000 people')),
    ).toBe(1)
    expect(anchorsOf('AG/RES. 2141 (XXXV-O/05)')).toContain('res:2141')
  })
})

describe('alignUnits', () => {
  it('aligns one to one when lengths and anchors agree', () => {
    const beads = alignUnits(
      units(['Uno en 2011 con la OIM.', 'Dos en 2012, mucho más largo que el primero de todos.']),
      units(['One in 2011 with IOM.', 'Two in 2012, much longer than the very first one.']),
    )
    expect(beads).toEqual([
      { a: [0], b: [0] },
      { a: [1], b: [1] },
    ])
  })

  it('joins two blocks with one when a translator merged them (2–1)', () => {
    const a = [
      'Se realizaron 14 talleres en 2011.',
      'Participaron 300 funcionarios de 8 países.',
      'El informe final se publicó en 2012 en la web de la OEA.',
    ]
    const b = [
      'In 2011, 14 workshops were held with 300 officials from 8 countries.',
      'The final report was published on the OAS website in 2012.',
    ]
    expect(alignUnits(units(a), units(b))).toEqual([
      { a: [0, 1], b: [0] },
      { a: [2], b: [1] },
    ])
  })

  it('leaves a block without counterpart alone (1–0)', () => {
    const a = [
      'Reunión del 15 de marzo de 2011 en Lima con 40 delegados.',
      'Nota: el presupuesto de 2009 fue de 45.000 dólares según el acta 77 de la CEAM.',
      'Taller del 2 de junio de 2011 con la CIDH y 25 expertos.',
    ]
    const b = [
      'Meeting of March 15, 2011 in Lima with 40 delegates.',
      'Workshop of June 2, 2011 with the IACHR and 25 experts.',
    ]
    expect(alignUnits(units(a), units(b))).toEqual([
      { a: [0], b: [0] },
      { a: [1], b: [] },
      { a: [2], b: [1] },
    ])
  })
})
