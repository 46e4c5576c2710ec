/**
 * Which slots of a long list are on the screen or near it (half a screen's height above and below), so
 * only those build their code, buttons and countdown: a tick, a period's end and the memory held
 * follow what is on screen, not the length of the list (issue 16). Every slot stays in the list as
 * a light item with its names, so search, screen readers and the list's length see all of them.
 *
 * One IntersectionObserver for the whole list. An item that holds the focus stays "near" when it
 * scrolls away (its focused button must not vanish under the keyboard). Without
 * IntersectionObserver every item counts as near: the list is then built whole, as before.
 */
export class NearScreen {
  #listeners = new Map<Element, (near: boolean) => void>();
  #observer: IntersectionObserver | null = null;

  /** `holdsFocus`: whether an item has the focus inside it (the document's, unless a test gives another). */
  constructor(
    private readonly holdsFocus: (el: Element) => boolean = (el) => el.contains(document.activeElement),
    // Half a screen: codes are built before they scroll in, and a period's changes (the next code,
    // the warning, the new code) touch two screens of slots, not three.
    private readonly margin = '50% 0px',
  ) {}

  /** Tells `onchange` when `el` comes near the screen or leaves it; returns the unwatch function. */
  watch(el: Element, onchange: (near: boolean) => void): () => void {
    const observer = this.#observe();
    if (!observer) {
      onchange(true);
      return () => {};
    }
    this.#listeners.set(el, onchange);
    observer.observe(el);
    return () => {
      observer.unobserve(el);
      this.#listeners.delete(el);
    };
  }

  /** Items watched now (for tests). */
  get watched(): number {
    return this.#listeners.size;
  }

  /** Stops observing everything (the list is gone). */
  stop(): void {
    this.#observer?.disconnect();
    this.#observer = null;
    this.#listeners.clear();
  }

  #observe(): IntersectionObserver | null {
    if (this.#observer || typeof IntersectionObserver === 'undefined') return this.#observer;
    this.#observer = new IntersectionObserver(
      (changes) => {
        for (const c of changes) {
          const near = c.isIntersecting || this.holdsFocus(c.target);
          this.#listeners.get(c.target)?.(near);
        }
      },
      { rootMargin: this.margin },
    );
    return this.#observer;
  }
}
