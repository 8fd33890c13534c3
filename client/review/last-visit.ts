// "What changed since I last looked": when each person last opened a report, kept in this browser.
//
// *Decision:* the visit is kept in localStorage per user and report, not on the server. It is a
// reading aid, not a record: nothing else depends on it, and a second device starting from "first
// visit" loses nothing. A tab keeps the visit it started from (sessionStorage) for as long as it is
// open, so going from the dashboard to the report and back still shows what changed since the
// visit before, and the visit recorded is the newest.

const storeKey = (username: string, reportId: string): string => `cotejo:visit:${username}:${reportId}`

/** The stored text under `key`, or null (missing, or storage refused). */
function read(storage: Storage, key: string): string | null {
  try {
    return storage.getItem(key)
  } catch {
    return null
  }
}

function write(storage: Storage, key: string, value: string): void {
  try {
    storage.setItem(key, value)
  } catch {
    // Storage full or refused (private mode): the marks are only missing next time.
  }
}

const firstVisit = 'first'

/**
 * The time (ms) of `username`'s visit to `reportId` before this tab's, or undefined for a first
 * visit; records this visit as now.
 */
export function previousVisit(username: string, reportId: string): number | undefined {
  const key = storeKey(username, reportId)
  let baseline = read(sessionStorage, key)
  if (baseline === null) {
    baseline = read(localStorage, key) ?? firstVisit
    write(sessionStorage, key, baseline)
  }
  write(localStorage, key, String(Date.now()))
  const time = Number(baseline)
  return baseline !== firstVisit && Number.isFinite(time) && time > 0 ? time : undefined
}
