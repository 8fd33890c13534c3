// Rebuilding a report as it was at a seq or a version, for the version, diff and export routes.

import * as Y from 'yjs'
import { isSlug } from '../../schema/check.ts'
import type { Report } from '../../schema/report.ts'
import { yDocToReport } from '../../schema/ydoc.ts'
import type { DocumentRegistry } from '../collab/document-registry.ts'
import { badRequest, conflict, notFound } from '../errors.ts'
import { StorageError, type LoadedLog, type Storage, type VersionRecord } from '../storage/storage.ts'

/** The report as it was at `seq`: the nearest checkpoint at or before it plus the updates after it. */
export async function reportAtSeq(storage: Storage, id: string, seq: number): Promise<Report> {
  let log: LoadedLog
  try {
    log = await storage.logAt(id, seq)
  } catch (error) {
    if (error instanceof StorageError && error.code === 'compacted') throw conflict('history-compacted', error.message)
    throw error
  }
  const doc = new Y.Doc()
  try {
    doc.transact(() => {
      if (log.checkpoint) Y.applyUpdate(doc, log.checkpoint.state)
      for (const entry of log.updates) Y.applyUpdate(doc, entry.update)
    })
    return yDocToReport(doc, id)
  } finally {
    doc.destroy()
  }
}

/** The live report; 404 for an unknown one. */
export async function reportNow(registry: DocumentRegistry, id: string): Promise<Report> {
  const report = isSlug(id) ? await registry.with(id, (document) => document.report()) : undefined
  if (report === undefined) throw notFound(`No report "${id}".`)
  return report
}

/** Parses a version id from a URL or body (a positive integer); 400 otherwise. */
export function parseVersionId(value: unknown, name = 'version'): number {
  const text = typeof value === 'number' ? String(value) : value
  if (typeof text !== 'string' || !/^[1-9][0-9]{0,9}$/.test(text))
    throw badRequest('bad-version', `${name} must be a version id: a positive integer such as 3.`)
  return Number(text)
}

/** The version `id` of `report`; 404 when there is none. */
export async function versionOf(storage: Storage, report: string, id: number): Promise<VersionRecord> {
  const version = await storage.getVersion(report, id)
  if (version === undefined) throw notFound(`Report "${report}" has no version ${id}.`)
  return version
}

/** The report at version `value` (a version id as sent by the client), with the version. */
export async function reportAtVersion(
  storage: Storage,
  report: string,
  value: unknown,
): Promise<{ report: Report; version: VersionRecord }> {
  const version = await versionOf(storage, report, parseVersionId(value))
  return { report: await reportAtSeq(storage, report, version.seq), version }
}

/** The report at version `value` for an export; 404 for an unknown report or version. */
export async function exportedVersion(storage: Storage, report: string, value: unknown): Promise<Report> {
  if (!isSlug(report) || (await storage.getReport(report)) === undefined) throw notFound(`No report "${report}".`)
  return (await reportAtVersion(storage, report, value)).report
}
