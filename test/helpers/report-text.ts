// Reading report text on the server side for the browser tests. Not a test file.
import type { NodeJSON } from '../../schema/report.ts'

/** The text of a ProseMirror JSON node, concatenated the way the DOM's textContent reads it. */
export function textOf(node: NodeJSON): string {
  if (typeof node.text === 'string') return node.text
  return (node.content ?? []).map(textOf).join('')
}

/** A section of `GET /api/reports/:id` as the tests read it. */
export interface ServerSection {
  readonly id: string
  readonly kind: string
  readonly actor?: string
  readonly es: NodeJSON
  readonly en: NodeJSON
}

/** `GET /api/reports/:id` with a bearer token; throws with the status when it fails. */
export async function fetchReport(
  baseUrl: string,
  token: string,
  reportId: string,
): Promise<{ sections: ServerSection[] }> {
  const response = await fetch(`${baseUrl}/api/reports/${encodeURIComponent(reportId)}`, {
    headers: { authorization: `Bearer ${token}` },
  })
  if (!response.ok)
    throw new Error(`GET /api/reports/${reportId} answered ${response.status}: ${await response.text()}`)
  return (await response.json()) as { sections: ServerSection[] }
}

/** `GET /api/reports` with a bearer token. */
export async function fetchReportList(baseUrl: string, token: string): Promise<Array<{ id: string; kind: string }>> {
  const response = await fetch(`${baseUrl}/api/reports`, { headers: { authorization: `Bearer ${token}` } })
  if (!response.ok) throw new Error(`GET /api/reports answered ${response.status}: ${await response.text()}`)
  return (await response.json()) as Array<{ id: string; kind: string }>
}

/** True when a node holds a report table somewhere inside. */
export function hasTable(node: NodeJSON): boolean {
  return node.type === 'report_table' || (node.content ?? []).some(hasTable)
}
