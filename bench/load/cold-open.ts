// Load generator: one new stock client opens the report; prints `READY {}` then
// `RESULT {"ms":…}`, the time from creating the connection to holding the whole document.
import { performance } from 'node:perf_hooks'
import { connect, type Target } from './clients.ts'

const target = JSON.parse(process.argv[2]!) as Target
console.log('READY {}')
const startedAt = performance.now()
const client = connect(target)
await client.synced
const ms = performance.now() - startedAt
console.log(`RESULT ${JSON.stringify({ ms, sections: client.doc.getArray('sections').length })}`)
client.destroy()
process.exit(0)
