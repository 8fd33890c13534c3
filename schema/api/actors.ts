// The actors registry of a report (interface.md, "The Y.Doc of a report": `actors`):
// `GET/POST /api/reports/:id/actors`, `PATCH /api/reports/:id/actors/:actor`.

import * as z from 'zod/mini'
import { slugPattern } from '../check.ts'
import { text, type BodyContract } from './contract.ts'

/** Longest name or acronym accepted. */
export const maxActorTextLength = 300

const idMessage = 'id must be a slug of the English acronym or short name, such as "iom" (at most 64 characters).'
const nameMessage = `name must be {es, en}: the name in each language, 1 to ${maxActorTextLength} characters.`
const acronymMessage = `acronym must be {es, en}: the acronym in each language, 1 to ${maxActorTextLength} characters.`

const words = (message: string) =>
  text(message, z.minLength(1, message), z.maxLength(maxActorTextLength, message), z.trim())
const bilingual = (message: string) => z.object({ es: words(message), en: words(message) }, { error: message })
const someOf = (message: string) =>
  z.object({ es: z.optional(words(message)), en: z.optional(words(message)) }, { error: message })

const fields = {
  id: { status: 422, code: 'bad-actor-id' },
  name: { status: 422, code: 'bad-actor-name' },
  acronym: { status: 422, code: 'bad-actor-acronym' },
} as const

/** `POST /api/reports/:id/actors`: a new actor (for next year's report, say). */
export const newActor: BodyContract<{
  id: string
  name: { es: string; en: string }
  acronym: { es: string; en: string }
}> = {
  schema: z.object({
    id: text(idMessage, z.maxLength(64, idMessage), z.regex(slugPattern, idMessage)),
    name: bilingual(nameMessage),
    acronym: bilingual(acronymMessage),
  }),
  shape: '{id, name:{es, en}, acronym:{es, en}}',
  fields,
}

/** `PATCH /api/reports/:id/actors/:actor`: renames; absent fields stay. The id never changes (sections and agencies name it). */
export const actorPatch: BodyContract<{
  name?: { es?: string | undefined; en?: string | undefined } | undefined
  acronym?: { es?: string | undefined; en?: string | undefined } | undefined
}> = {
  schema: z.object({ name: z.optional(someOf(nameMessage)), acronym: z.optional(someOf(acronymMessage)) }),
  shape: '{name?:{es?, en?}, acronym?:{es?, en?}}',
  fields,
}

/** An actor as the API answers it. */
export const actorAnswer = z.object({
  id: z.string(),
  name: z.object({ es: z.string(), en: z.string() }),
  acronym: z.object({ es: z.string(), en: z.string() }),
})

/** An actor as the API answers it. */
export type ActorJSON = z.infer<typeof actorAnswer>

/** `GET /api/reports/:id/actors`: in the registry's order. */
export const actorList = z.array(actorAnswer)
