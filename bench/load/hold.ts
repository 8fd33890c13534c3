// Load generator: connects `connections` stock clients to the report and holds them open;
// prints `READY {}` once all are synced and `RESULT {}` right after, then waits to be stopped.
import { connect, type Target } from './clients.ts'

const options = JSON.parse(process.argv[2]!) as Target & { connections: number }
const clients = Array.from({ length: options.connections }, () => connect(options))
await Promise.all(clients.map((client) => client.synced))
console.log('READY {}')
console.log('RESULT {}')
process.on('SIGTERM', () => {
  for (const client of clients) client.destroy()
  process.exit(0)
})
setInterval(() => {}, 1 << 30)
