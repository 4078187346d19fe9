// Measures the main thread's event-loop delay: a 10 ms timer records how late it fires. Health
// checks, admission and every socket wait that long, so it is the number that says whether
// anything blocks the thread that answers HTTP (the inference engine must not).
const INTERVAL_MS = 10;

/** Starts sampling into `observe` (seconds); returns the function that stops it. */
export function monitorEventLoop(observe: (seconds: number) => void): () => void {
  let timer: NodeJS.Timeout;
  let expected = 0;
  const tick = () => {
    const now = performance.now();
    if (expected > 0) observe(Math.max(0, now - expected) / 1000);
    expected = now + INTERVAL_MS;
    timer = setTimeout(tick, INTERVAL_MS);
    timer.unref();
  };
  tick();
  return () => clearTimeout(timer);
}
