#!/usr/bin/env node
// Makes `npm start` and `npm test` work on a fresh machine by themselves: installs the npm
// dependencies when they are missing or older than the lockfile; with --browser, Debian's
// Chromium for the browser tests; with --servers, Debian's PostgreSQL and Redis, whose binaries the
// storage and several-instance tests start on loopback themselves. Plain JavaScript because it
// runs before anything is installed.
import { execSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const wantBrowser = process.argv.includes('--browser')
const wantServers = process.argv.includes('--servers')

function run(command) {
  console.log(`[setup] ${command}`)
  execSync(command, { cwd: root, stdio: 'inherit' })
}

function modulesAreCurrent() {
  const installed = join(root, 'node_modules', '.package-lock.json')
  if (!existsSync(installed)) return false
  return statSync(installed).mtimeMs >= statSync(join(root, 'package-lock.json')).mtimeMs
}

if (!modulesAreCurrent()) run('npm ci --no-audit --no-fund')

const hasPostgres = () =>
  existsSync('/usr/lib/postgresql') &&
  readdirSync('/usr/lib/postgresql').some((version) =>
    existsSync(join('/usr/lib/postgresql', version, 'bin', 'postgres')),
  )

/** Debian packages the tests need and this machine lacks. */
const missing = [
  ...(wantBrowser && !existsSync('/usr/bin/chromium') ? ['chromium'] : []),
  ...(wantServers && !hasPostgres() ? ['postgresql'] : []),
  ...(wantServers && !existsSync('/usr/bin/redis-server') ? ['redis-server'] : []),
]

if (missing.length > 0) {
  if (typeof process.getuid === 'function' && process.getuid() === 0) {
    if (missing.includes('postgresql')) {
      // Only the binaries: the tests start private servers, so Debian's default cluster is not created.
      mkdirSync('/etc/postgresql-common/createcluster.d', { recursive: true })
      writeFileSync('/etc/postgresql-common/createcluster.d/cotejo.conf', 'create_main_cluster = false\n')
    }
    run(`apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${missing.join(' ')}`)
  } else {
    console.error(
      `[setup] The tests need Debian's ${missing.join(', ')}: run \`sudo apt-get install -y ${missing.join(' ')}\` first.`,
    )
    process.exit(1)
  }
}
