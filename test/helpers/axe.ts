// axe-core in the browser tests: the serious and critical violations of a page. Not a test file.
import AxeBuilder from '@axe-core/playwright'
import type { Page } from 'playwright-core'

/**
 * The serious and critical axe violations on `page` (or inside the elements `include` selects),
 * one line each: the rule's id, what it asks (`help`), and the elements that break it.
 */
export async function seriousViolations(page: Page, include?: string): Promise<string[]> {
  const builder = new AxeBuilder({ page })
  if (include !== undefined) builder.include(include)
  const { violations } = await builder.analyze()
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id} (${violation.help}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    )
}
