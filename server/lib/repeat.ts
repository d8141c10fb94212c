// A job the app runs now and then (retention, round mail): first after a pause, then at every interval, never two at once.

export interface Timing {
  /** The pause after start, so a job never runs during start-up. */
  firstMs: number;
  everyMs: number;
}

/**
 * Runs `job` after `firstMs` and then every `everyMs`, skipping a turn while the previous run is still under way; the
 * timers are unref'd so they never keep the process alive. Returns what stops it (the app calls it when it closes): no
 * run starts after the call, and its promise settles once a run under way has finished, so the app never closes the
 * database under a running job. `job` reports its own failures: a rejection is handed to `onError`.
 */
export function repeat(job: () => Promise<void>, timing: Timing, onError: (err: unknown) => void): () => Promise<void> {
  let running: Promise<void> | null = null;
  let stopped = false;
  const run = () => {
    if (running || stopped) return;
    running = job()
      .catch(onError)
      .finally(() => {
        running = null;
      });
  };
  const first = setTimeout(run, timing.firstMs);
  first.unref();
  const every = setInterval(run, timing.everyMs);
  every.unref();
  return async () => {
    stopped = true;
    clearTimeout(first);
    clearInterval(every);
    await running;
  };
}
