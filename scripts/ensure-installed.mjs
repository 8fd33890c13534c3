#!/usr/bin/env node
// Makes `npm start` and `npm test` work on a fresh machine by themselves: installs the npm
// dependencies when they are missing or older than the lockfile and, with --browser, Debian's
// Chromium for the browser tests. Plain JavaScript because it runs before anything is installed.
import { execSync } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const wantBrowser = process.argv.includes('--browser')

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

if (wantBrowser && !existsSync('/usr/bin/chromium')) {
  if (typeof process.getuid === 'function' && process.getuid() === 0) {
    run('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium')
  } else {
    console.error('[setup] The browser tests need Debian\'s Chromium: run `sudo apt-get install -y chromium` first.')
    process.exit(1)
  }
}
