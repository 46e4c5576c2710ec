/**
 * How many slots the list has built so far. Building 5,000 slot items (and their codes) in one
 * go kept every code off the screen for seconds; instead the first screenful is built at once
 * and the rest in chunks, one task each, so the first codes paint within a frame and the page
 * stays responsive while the rest arrive. Every slot is in the list once grown (search, keyboard
 * reorder and screen readers see the whole list; off-screen items cost no style or layout, see
 * `.slot`'s content-visibility in app.css).
 */
export const FIRST_SCREEN = 30;
export const CHUNK = 250;

export class RenderLimit {
  limit = $state(FIRST_SCREEN);

  /**
   * Grows the limit by CHUNK per task until it covers `total` slots; returns the stop function
   * (for an $effect's cleanup, so a new total restarts it). `schedule` is setTimeout unless a
   * test gives another.
   */
  grow(total: number, schedule: (next: () => void) => unknown = (next) => setTimeout(next, 0)): () => void {
    let stopped = false;
    const step = () => {
      if (stopped || this.limit >= total) return;
      this.limit += CHUNK;
      schedule(step);
    };
    schedule(step);
    return () => {
      stopped = true;
    };
  }
}
