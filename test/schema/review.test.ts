import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { approvedBodies, reviewActions, reviewOf, reviewStates, reviewStep, writeReview } from '../../schema/review.ts'
import type { Permissions } from '../../schema/roles.ts'
import { reviewKey } from '../../schema/ydoc.ts'

const people: Record<string, Permissions> = {
  editor: { role: 'editor', actors: [] },
  admin: { role: 'admin', actors: [] },
  translator: { role: 'translator', actors: [] },
  iomAgency: { role: 'agency', actors: ['iom'] },
  iloAgency: { role: 'agency', actors: ['ilo'] },
  viewer: { role: 'viewer', actors: [] },
}

describe('reviewStep', () => {
  it('gives every person, state and action of an IOM section the outcome the rule says', () => {
    const outcomes: Record<string, string> = {}
    for (const [name, who] of Object.entries(people)) {
      for (const state of reviewStates) {
        for (const action of reviewActions) {
          const step = reviewStep(state, action, who, 'iom')
          outcomes[`${name} ${action} from ${state}`] = typeof step === 'string' ? step : step.kind
        }
      }
    }
    const allowed = Object.entries(outcomes).filter(([, outcome]) => outcome !== 'forbidden' && outcome !== 'conflict')
    expect(Object.fromEntries(allowed)).toEqual({
      'editor submit from drafting': 'submitted',
      'editor approve from drafting': 'approved',
      'editor approve from submitted': 'approved',
      'editor reopen from submitted': 'drafting',
      'editor reopen from approved': 'drafting',
      'admin submit from drafting': 'submitted',
      'admin approve from drafting': 'approved',
      'admin approve from submitted': 'approved',
      'admin reopen from submitted': 'drafting',
      'admin reopen from approved': 'drafting',
      'translator submit from drafting': 'submitted',
      'iomAgency submit from drafting': 'submitted',
    })
    expect(outcomes['iloAgency submit from drafting']).toBe('forbidden')
    expect(outcomes['iomAgency submit from submitted']).toBe('conflict')
    expect(outcomes['viewer submit from drafting']).toBe('forbidden')
  })

  it('lets no agency submit a narrative section, which has no actor', () => {
    expect(reviewStep('drafting', 'submit', people.iomAgency!, undefined)).toMatchObject({ kind: 'forbidden' })
  })
})

describe('sign-offs in the Y.Doc', () => {
  it('reads drafting where nothing or something malformed is recorded, and lists approved bodies', () => {
    const doc = new Y.Doc()
    expect(reviewOf(doc, 'es', 'iom')).toEqual({ state: 'drafting' })
    writeReview(doc, 'es', 'iom', { state: 'approved', by: 'eva', at: 1 })
    writeReview(doc, 'en', 'iom', { state: 'submitted', by: 'ana', at: 2 })
    doc.getMap(reviewKey).set('es/ilo', { state: 'signed' })
    expect(reviewOf(doc, 'es', 'iom')).toEqual({ state: 'approved', by: 'eva', at: 1 })
    expect(reviewOf(doc, 'es', 'ilo')).toEqual({ state: 'drafting' })
    expect([...approvedBodies(doc)]).toEqual(['es/iom'])
  })
})
