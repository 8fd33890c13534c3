// Load generator: `writers` clients type into different sections at `rate` updates/s each until
// stopped (SIGTERM); prints `READY {}` once all are synced. Sections in `avoid` are left alone.
// They send what stock clients send but do not apply each other's changes (`connectLightWriter`).
import { connectLightWriter, firstText, sectionIds, type Target } from './clients.ts'

const options = JSON.parse(process.argv[2]!) as Target & { writers: number; rate: number; avoid?: string[] }
const clients = Array.from({ length: options.writers }, () => connectLightWriter(options))
await Promise.all(clients.map((client) => client.synced))
const sections = sectionIds(clients[0]!.doc).filter(
  (id) => !(options.avoid ?? []).includes(id) && firstText(clients[0]!.doc.getXmlFragment(`es/${id}`)),
)
console.log('READY {}')
const timers = clients.map((client, index) => {
  let n = 0
  const text = firstText(client.doc.getXmlFragment(`es/${sections[index % sections.length]!}`))!
  return setInterval(() => text.insert(0, `r${index}.${n++} `), 1000 / options.rate)
})
process.on('SIGTERM', () => {
  timers.forEach(clearInterval)
  for (const client of clients) client.destroy()
  process.exit(0)
})
