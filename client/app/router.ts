/** A page of the application, parsed from `location.pathname` (interface.md, "Pages"). */
export type Route =
  | { readonly page: 'home' }
  | { readonly page: 'report'; readonly reportId: string }
  | { readonly page: 'version'; readonly reportId: string; readonly versionId: number }
  | { readonly page: 'history'; readonly reportId: string }
  | { readonly page: 'diff'; readonly reportId: string; readonly from: string; readonly to: string }
  | { readonly page: 'translation'; readonly reportId: string }
  | { readonly page: 'review'; readonly reportId: string }
  | { readonly page: 'admin'; readonly tab: AdminTab }
  | { readonly page: 'import' }
  | { readonly page: 'not-found' }

/** The parts of the administration page (`/admin?tab=`). */
export const adminTabs = ['users', 'actors', 'audit'] as const

/** A part of the administration page. */
export type AdminTab = (typeof adminTabs)[number]

/** Name of the window event fired after `navigate` changes the location. */
export const navigateEvent = 'cotejo-navigate'

/** The route of `pathname` and its query (`search`: `?version=` on a report, `?from=&to=` on a diff). */
export function parseRoute(pathname: string, search = ''): Route {
  if (pathname === '/' || pathname === '') return { page: 'home' }
  if (pathname === '/import' || pathname === '/import/') return { page: 'import' }
  if (pathname === '/admin' || pathname === '/admin/') {
    const tab = new URLSearchParams(search).get('tab')
    return { page: 'admin', tab: adminTabs.find((known) => known === tab) ?? 'users' }
  }
  const match = /^\/reports\/([^/]+)(?:\/(history|diff|translation|review))?\/?$/.exec(pathname)
  if (!match) return { page: 'not-found' }
  const reportId = decodeURIComponent(match[1]!)
  const view = match[2] as 'history' | 'diff' | 'translation' | 'review' | undefined
  const query = new URLSearchParams(search)
  if (view === 'diff')
    return { page: 'diff', reportId, from: query.get('from') ?? '', to: query.get('to') ?? 'current' }
  if (view) return { page: view, reportId }
  const version = query.get('version')
  return version && /^[1-9]\d*$/.test(version)
    ? { page: 'version', reportId, versionId: Number(version) }
    : { page: 'report', reportId }
}

/** The path of a report page. */
export function reportPath(reportId: string): string {
  return `/reports/${encodeURIComponent(reportId)}`
}

/** Go to `path` without reloading (history.pushState) and tell the application. */
export function navigate(path: string): void {
  if (path !== location.pathname + location.search + location.hash) history.pushState(null, '', path)
  window.dispatchEvent(new Event(navigateEvent))
}

/**
 * Click handler for in-app links: plain left clicks navigate in place, modified clicks (new tab,
 * new window) keep the browser's behaviour.
 */
export function onLinkClick(event: MouseEvent): void {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
    return
  const anchor = (event.currentTarget as HTMLElement).closest('a')
  if (!anchor || anchor.origin !== location.origin) return
  event.preventDefault()
  // The hash too: the report page jumps to the section a link names (`/reports/<id>#<section>`).
  navigate(anchor.pathname + anchor.search + anchor.hash)
}
