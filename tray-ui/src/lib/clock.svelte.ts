// One shared 1 s tick for everything that shows an age or a countdown; it only runs while some
// component holds it, so an idle popover costs no timers.
class Clock {
  now = $state(Date.now());
  private holders = 0;
  private timer: ReturnType<typeof setInterval> | null = null;

  /** Use inside `$effect(() => clock.hold())` — the returned function releases it. */
  hold(): () => void {
    this.holders += 1;
    if (this.timer === null) {
      this.now = Date.now();
      this.timer = setInterval(() => (this.now = Date.now()), 1000);
    }
    return () => {
      this.holders -= 1;
      if (this.holders === 0 && this.timer !== null) {
        clearInterval(this.timer);
        this.timer = null;
      }
    };
  }
}

export const clock = new Clock();
