// What the import page sends: `POST /api/reports/import`, with `?preview=1` first (nothing stored),
// as multipart files, answers read with the contracts of `schema/api/reports.ts`.
//
// XMLHttpRequest, not fetch, because of the upload progress: fetch reports no progress of a request
// body at all, and a streamed request body (`duplex: 'half'`) is refused by Chromium over HTTP/1.1,
// which is what the server speaks; `xhr.upload.onprogress` reports the bytes sent of a FormData body
// on any protocol in every browser.

import { importAnswer, importPreview, type ImportAnswer, type ImportPreview } from '../../schema/api/reports.ts'
import type { ReportKind } from '../../schema/report.ts'
import { ApiError, parseAnswer } from '../app/api.ts'

export type { ImportAnswer, ImportPreview }

/** What the page imports: the files chosen and the options typed (empty: the server decides). */
export interface ImportChoice {
  readonly es: File | null
  readonly en: File | null
  /** The report id; empty: derived from the kind and the years. */
  readonly id: string
  /** The kind; empty: recognised from the text. */
  readonly kind: ReportKind | ''
}

/** Bytes sent of the request body so far, and of all of it. */
export interface UploadProgress {
  readonly sent: number
  readonly total: number
}

/** The multipart body of `choice`: the fields before the files, so the server reads them first. */
function formOf(choice: ImportChoice): FormData {
  const form = new FormData()
  if (choice.id !== '') form.set('id', choice.id)
  if (choice.kind !== '') form.set('kind', choice.kind)
  if (choice.es) form.set('es', choice.es, choice.es.name)
  if (choice.en) form.set('en', choice.en, choice.en.name)
  return form
}

/** The error of a failed answer, as `ApiError` (the server's `{error:{code,message}}`, else the status). */
function errorOf(xhr: XMLHttpRequest): ApiError {
  try {
    const { error } = JSON.parse(xhr.responseText) as { error?: { code?: unknown; message?: unknown } }
    if (typeof error?.code === 'string' && typeof error.message === 'string')
      return new ApiError(xhr.status, error.code, error.message)
  } catch {
    // not JSON: said by the status below
  }
  return new ApiError(xhr.status, `http_${xhr.status}`, xhr.statusText || `HTTP ${xhr.status}`)
}

/** Post `form` to `path`; resolves with the JSON of a 2xx answer, else rejects with `ApiError` (status 0: the network). */
function post(path: string, form: FormData, onProgress: (progress: UploadProgress) => void): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', path)
    xhr.withCredentials = true
    xhr.setRequestHeader('accept', 'application/json')
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress({ sent: event.loaded, total: event.total })
    }
    xhr.onerror = () => reject(new ApiError(0, 'network', 'The request did not reach the server'))
    xhr.onabort = () => reject(new ApiError(0, 'network', 'The request was stopped'))
    xhr.onload = () => {
      if (xhr.status < 200 || xhr.status >= 300) {
        reject(errorOf(xhr))
        return
      }
      try {
        resolve(JSON.parse(xhr.responseText))
      } catch {
        reject(
          new ApiError(xhr.status, 'bad_response', `The server answered ${xhr.status} with something that is not JSON`),
        )
      }
    }
    xhr.send(form)
  })
}

/** `POST /api/reports/import?preview=1`: the sections and warnings the import would give; nothing is stored. Throws `ApiError`. */
export async function previewImport(
  choice: ImportChoice,
  onProgress: (progress: UploadProgress) => void,
): Promise<ImportPreview> {
  return parseAnswer(importPreview, await post('/api/reports/import?preview=1', formOf(choice), onProgress), 'preview')
}

/** `POST /api/reports/import`: creates the report. Throws `ApiError` (409 `report-exists`, 422 `import-…`). */
export async function createImport(
  choice: ImportChoice,
  onProgress: (progress: UploadProgress) => void,
): Promise<ImportAnswer> {
  return parseAnswer(importAnswer, await post('/api/reports/import', formOf(choice), onProgress), 'import answer')
}
