import type { ReactiveController, ReactiveControllerHost } from 'lit'

/**
 * How far outside the viewport a section starts its editors: about two screens, so scrolling at
 * reading speed never shows a placeholder, while a 20-section report opens with only the first
 * few editors built.
 */
const activationMargin = '1600px 0px'

/**
 * Tells its host once it has come near the viewport (IntersectionObserver), so the host can build
 * its expensive parts lazily. Stays true afterwards: editors are kept, not torn down on scroll.
 */
export class VisibilityController implements ReactiveController {
  /** True once the host has been near the viewport. */
  visible = false
  private _observer: IntersectionObserver | null = null

  /** Attach to `host`, an element. */
  constructor(private readonly _host: ReactiveControllerHost & HTMLElement) {
    _host.addController(this)
  }

  /** Start observing. */
  hostConnected(): void {
    if (this.visible) return
    this._observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((entry) => entry.isIntersecting)) return
        this.visible = true
        this._observer?.disconnect()
        this._observer = null
        this._host.requestUpdate()
      },
      { rootMargin: activationMargin },
    )
    this._observer.observe(this._host)
  }

  /** Stop observing. */
  hostDisconnected(): void {
    this._observer?.disconnect()
    this._observer = null
  }

  /** Build now, without waiting to be seen (used when jumping to a section). */
  show(): void {
    if (this.visible) return
    this.visible = true
    this.hostDisconnected()
    this._host.requestUpdate()
  }
}
