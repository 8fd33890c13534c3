// Load generator: one stock client writes `updates` small updates into the report, one per
// transaction (so one logged update each), naming a version after every tenth of them. Prints
// `READY {}` when synced and `RESULT {"versions":[…]}` with the version ids made.
import { setTimeout as sleep } from 'node:timers/promises'
import { connect, firstText, sectionIds, type Target } from './clients.ts'

const options = JSON.parse(process.argv[2]!) as Target & { updates: number; httpBase: string }
const client = connect(options)
await client.synced
console.log('READY {}')
const sections = sectionIds(client.doc).filter((id) => firstText(client.doc.getXmlFragment(`es/${id}`)))
const versions: number[] = []
const perVersion = Math.ceil(options.updates / 10)
for (let i = 0; i < options.updates; i++) {
  firstText(client.doc.getXmlFragment(`es/${sections[i % sections.length]!}`))!.insert(0, 'x')
  if ((i + 1) % perVersion === 0) {
    // Give the server time to store what was sent, then name that state.
    await sleep(500)
    const response = await fetch(`${options.httpBase}/api/reports/${options.room}/versions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${options.token}` },
      body: JSON.stringify({ name: `after ${i + 1} updates` }),
    })
    if (!response.ok) throw new Error(`naming a version failed: ${response.status} ${await response.text()}`)
    versions.push(((await response.json()) as { id: number }).id)
  } else if (i % 100 === 0) await sleep(1)
}
console.log(`RESULT ${JSON.stringify({ versions })}`)
client.destroy()
process.exit(0)
