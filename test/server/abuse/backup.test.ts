import { execFile } from 'node:child_process'
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { BackupError, backupDatabase } from '../../../server/backup.ts'
import { databaseFileName } from '../../../server/storage/sqlite/sqlite-storage.ts'
import { fetchReport, textOf } from '../../helpers/report-text.ts'
import { startTestServer, type TestServer } from '../../helpers/server.ts'
import { connectClient, firstParagraphText, pause, typeInto, waitLimits, type TestClient } from '../clients.ts'
import { testReport } from '../fixtures.ts'

const run = promisify(execFile)
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url))
const reportId = 'test-report'
let server: TestServer
let token: string
let workDir: string
const clients: TestClient[] = []
const servers: TestServer[] = []

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'cotejo-backup-'))
  server = await startTestServer({ reports: [testReport(reportId)] })
  token = (await server.createUser({ username: 'editor', password: 'password-1', role: 'editor' })).token
})

afterAll(async () => {
  for (const client of clients) client.destroy()
  for (const each of servers) await each.close()
  await server.close()
  await rm(workDir, { recursive: true, force: true })
})

/** Runs `npm run backup`'s script the way npm does (tsx), with DATA_DIR set; resolves with its exit code and output. */
async function backupCommand(
  dataDir: string,
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'server/backup-main.ts', ...args], {
      cwd: repoRoot,
      env: { ...process.env, DATA_DIR: dataDir },
    })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string }
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
  }
}

describe('online backup', () => {
  it('copies the database while a client edits; a server started on the copy holds every edit acknowledged before it', async () => {
    const writer = connectClient(server.wsUrl, reportId, token)
    const watcher = connectClient(server.wsUrl, reportId, token)
    clients.push(writer, watcher)
    await Promise.all([writer.synced, watcher.synced])

    // The writer types a numbered word every few ms, for as long as the backup runs.
    let typing = true
    let typed = 0
    const typist = (async () => {
      while (typing) {
        typeInto(writer.doc, 'es/background', `w${typed++} `)
        await pause(3)
      }
    })()
    // The first edits reach the watcher.
    await vi.waitFor(() => expect(firstParagraphText(watcher.doc, 'es/background')).toContain('w50 '), waitLimits())

    // What the watcher received is stored: the server broadcasts only what is durable.
    const acknowledged = firstParagraphText(watcher.doc, 'es/background').match(/w\d+ /g) ?? []
    const target = join(workDir, 'during-edits.db')
    const command = await backupCommand(server.dataDir, target)
    const typedDuringBackup = typed
    typing = false
    await typist
    expect(command.stderr).toBe('')
    expect(command.code).toBe(0)
    expect(command.stdout).toMatch(/integrity ok/)
    console.log(
      `backup: ${acknowledged.length} edits acknowledged before it, ${typedDuringBackup} typed by its end; ${command.stdout.trim()}`,
    )
    expect(typedDuringBackup).toBeGreaterThan(acknowledged.length)

    // Restore as documented: copy the file to DATA_DIR/cotejo.db and start a server there.
    const restoredDir = join(workDir, 'restored')
    await mkdir(restoredDir)
    await copyFile(target, join(restoredDir, databaseFileName))
    const restored = await startTestServer({ dataDir: restoredDir })
    servers.push(restored)
    const { token: restoredToken } = await restored.login('editor', 'password-1')
    const report = await fetchReport(restored.url, restoredToken, reportId)
    const text = textOf(report.sections.find((section) => section.id === 'background')!.es)
    const missing = acknowledged.filter((word) => !text.includes(word))
    expect(missing).toEqual([])
    expect(text).toContain('Texto inicial')
  }, 60_000)

  it('refuses to overwrite, to run without a target, and to copy a missing database, each with a reason', async () => {
    const existing = join(workDir, 'existing.db')
    await writeFile(existing, 'not empty')
    const overwrite = await backupCommand(server.dataDir, existing)
    expect(overwrite.code).toBe(1)
    expect(overwrite.stderr).toMatch(/target-exists/)
    const usage = await backupCommand(server.dataDir)
    expect(usage.code).toBe(2)
    expect(usage.stderr).toMatch(/usage: npm run backup -- <target-file>/)
    expect(() => backupDatabase(join(workDir, 'no-such-dir'), join(workDir, 'x.db'))).toThrow(BackupError)
    try {
      backupDatabase(join(workDir, 'no-such-dir'), join(workDir, 'x.db'))
    } catch (error) {
      expect((error as BackupError).code).toBe('no-database')
    }
  }, 30_000)
})
