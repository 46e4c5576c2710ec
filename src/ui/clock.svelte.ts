/**
 * One clock for the whole list. It ticks on whole-second boundaries (not every
 * 1000 ms from an arbitrary start), so a TOTP code rolls over at the period
 * boundary itself rather than up to a second late.
 */
export class Clock {
  now = $state(Date.now());

  /** Starts ticking; returns the stop function (for an $effect's cleanup). */
  start(): () => void {
    let timer: ReturnType<typeof setTimeout>;
    const tick = () => {
      this.now = Date.now();
      timer = setTimeout(tick, 1000 - (this.now % 1000));
    };
    tick();
    return () => clearTimeout(timer);
  }
}
