import { html, type TemplateResult } from 'lit'

// Small inline SVG icons: the page may not load fonts or images from elsewhere, and the system
// fonts of a server-side Chromium lack emoji.

/** A chain link, for the link button. */
export const linkIcon: TemplateResult = html`<svg class="icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
  <path fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" d="M6.5 9.5l3-3M7 4.5l1.2-1.2a2.5 2.5 0 013.5 3.5L10.5 8M9 11.5l-1.2 1.2a2.5 2.5 0 01-3.5-3.5L5.5 8"/>
</svg>`

/** A padlock, for read-only sections. */
export const lockIcon: TemplateResult = html`<svg class="icon" viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false">
  <rect x="3" y="7" width="10" height="7" rx="1.5" fill="currentColor"/>
  <path fill="none" stroke="currentColor" stroke-width="1.6" d="M5.2 7V5a2.8 2.8 0 015.6 0v2"/>
</svg>`

/** A pencil, for sections the user may edit. */
export const pencilIcon: TemplateResult = html`<svg class="icon" viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false">
  <path fill="currentColor" d="M11.3 1.9l2.8 2.8-8.2 8.2-3.4.6.6-3.4z"/>
</svg>`
