// `npm run backup -- <target-file>`: a consistent copy of DATA_DIR/cotejo.db, safe while the server
// runs. Restore: stop the server, copy the file to DATA_DIR/cotejo.db, start it (README, "Backup and restore").

import { resolve } from 'node:path'
import { BackupError, backupDatabase } from './backup.ts'
import { errorMessage } from '../schema/error-message.ts'

const usage = 'usage: npm run backup -- <target-file>   (DATA_DIR selects the data directory, default ./data)'
const [target, ...rest] = process.argv.slice(2)
if (target === undefined || target === '' || rest.length > 0 || target.startsWith('-')) {
  console.error(usage)
  process.exit(2)
}
if (process.env.DATABASE_URL) {
  console.error(
    'DATABASE_URL is set: the data is in PostgreSQL; back it up with pg_dump while the servers run (README › Backup and restore). npm run backup copies the SQLite database of DATA_DIR only.',
  )
  process.exit(2)
}
const dataDir = resolve(process.env.DATA_DIR || './data')
try {
  const result = backupDatabase(dataDir, resolve(target))
  console.log(
    `backup of ${result.source} written to ${result.target} (${result.bytes} bytes, integrity ok, ${Math.round(result.durationMs)} ms)`,
  )
} catch (error) {
  console.error(
    error instanceof BackupError
      ? `backup failed (${error.code}): ${error.message}`
      : `backup failed: ${errorMessage(error)}`,
  )
  process.exit(1)
}
