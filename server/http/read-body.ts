// Checks a request body against its contract in `schema/api/` and answers the contract's error.

import { readBodyWith, type BodyContract } from '../../schema/api/contract.ts'
import { HttpError } from '../errors.ts'

/** The body of a request, checked by `contract`; throws the `HttpError` saying what was wrong. A missing body reads as `{}`. */
export function readBody<T>(contract: BodyContract<T>, body: unknown): T {
  const result = readBodyWith(contract, body ?? {})
  if ('problem' in result) throw new HttpError(result.problem.status, result.problem.code, result.problem.message)
  return result.value
}
