// A job the app runs now and then (retention, round mail): first after a pause, then at every interval, never two at once.

export interface Timing {
  /** The pause after start, so a job never runs during start-up. */
  firstMs: number;
  everyMs: number;
}

/**
 * Runs `job` after `firstMs` and then every `everyMs`, skipping a turn while the previous run is still under way; the
 * timers are unref'd so they never keep the process alive. Returns what stops it (the app calls it when it closes); a
 * run under way then finishes on its own. `job` reports its own failures: a rejection is handed to `onError`.
 */
export function repeat(job: () => Promise<void>, timing: Timing, onError: (err: unknown) => void): () => void {
  let running = false;
  const run = () => {
    if (running) return;
    running = true;
    job()
      .catch(onError)
      .finally(() => {
        running = false;
      });
  };
  const first = setTimeout(run, timing.firstMs);
  first.unref();
  const every = setInterval(run, timing.everyMs);
  every.unref();
  return () => {
    clearTimeout(first);
    clearInterval(every);
  };
}
