// Moving through a page by keyboard in the browser tests, as a person without a mouse does.
// Not a test file.
import type { Page } from 'playwright-core'

/**
 * Presses Tab (or Shift+Tab with `back`) until the focused element matches `selector`; throws,
 * naming what had the focus, when `max` presses did not get there.
 */
export async function tabTo(page: Page, selector: string, { back = false, max = 80 } = {}): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab')
  }
  const focused = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200))
  throw new Error(
    `${max} presses of ${back ? 'Shift+Tab' : 'Tab'} did not reach ${selector}; the focus is on ${focused}`,
  )
}

/** Whether the focused element is (inside) an element matching `selector`. */
export async function focusIsIn(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((s) => document.activeElement?.closest(s) !== null && document.activeElement !== null, selector)
}

/** Signs in from `baseUrl` by keyboard only: Tab to the username, type, Tab, type, Enter. */
export async function signInByKeyboard(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(baseUrl)
  await page.locator('sign-in-form input[name=username]').waitFor()
  await tabTo(page, 'sign-in-form input[name=username]')
  await page.keyboard.type(username)
  await page.keyboard.press('Tab')
  await page.keyboard.type(password)
  await page.keyboard.press('Enter')
  await page.locator('[data-testid=who]').waitFor()
}
