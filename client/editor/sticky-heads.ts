// Keeps the column headings of a long table in view while the page scrolls past its rows.
//
// `position: sticky` cannot do it here: a table that is wider than its pane scrolls sideways in
// its own container (`overflow-x: auto`), and such a container is a scroll container in both
// directions, so a sticky heading would stick to a box that never scrolls vertically. Instead each
// heading row is moved down with a transform, by as much as the page has scrolled its table under
// the page's sticky bars, never past the table's last row. Transforms do not touch layout, and the
// heading stays inside the container, so it follows the sideways scroll by itself.

/** What is on top of the page where a table scrolls under it: the sticky bars, outermost first. */
const stickyBars = '.app-header, .report-header'

const tables = new Map<HTMLElement, HTMLElement>()
const onScreen = new Set<HTMLElement>()
let frame = 0
let nearness: IntersectionObserver | null = null

function schedule(): void {
  if (frame !== 0) return
  frame = requestAnimationFrame(() => {
    frame = 0
    place()
  })
}

/** Where the headings stop: below the page's bars and the toolbars of the table's section. */
function stopLine(table: HTMLElement): number {
  let line = 0
  for (const bar of document.querySelectorAll(stickyBars)) line = Math.max(line, bar.getBoundingClientRect().bottom)
  const scope = table.closest('section-row') ?? table.closest('section-editor')
  for (const toolbar of scope?.querySelectorAll('.toolbar') ?? [])
    line = Math.max(line, toolbar.getBoundingClientRect().bottom)
  return line
}

function place(): void {
  for (const [table, head] of tables) {
    if (!onScreen.has(table)) continue
    const box = table.getBoundingClientRect()
    const shift = Math.max(0, Math.min(stopLine(table) - box.top, box.height - head.getBoundingClientRect().height))
    const transform = shift > 0 ? `translateY(${shift}px)` : ''
    if (head.style.transform !== transform) head.style.transform = transform
    head.classList.toggle('stuck', shift > 0)
  }
}

function observer(): IntersectionObserver {
  if (nearness) return nearness
  nearness = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      const table = entry.target as HTMLElement
      if (entry.isIntersecting) onScreen.add(table)
      else {
        onScreen.delete(table)
        const head = tables.get(table)
        if (head) {
          head.style.transform = ''
          head.classList.remove('stuck')
        }
      }
    }
    schedule()
  })
  // Capture: the page scrolls the document, but a scrolling ancestor would do as well.
  addEventListener('scroll', schedule, { passive: true, capture: true })
  addEventListener('resize', schedule, { passive: true })
  return nearness
}

/** Keep `head` (the `<thead>` of `table`) in view while `table` scrolls under the page's bars. */
export function keepHeadInView(table: HTMLElement, head: HTMLElement): void {
  tables.set(table, head)
  observer().observe(table)
}

/** Stop moving the heading of `table` (its view is destroyed). */
export function releaseHead(table: HTMLElement): void {
  tables.delete(table)
  onScreen.delete(table)
  nearness?.unobserve(table)
}
