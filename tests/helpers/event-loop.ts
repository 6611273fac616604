/** Watches the calling thread's event loop: the longest gap between ticks of a 10 ms timer while it watched. */
export function watchEventLoop(): { stop(): { maxGapMs: number } } {
  let last = performance.now();
  let maxGapMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    maxGapMs = Math.max(maxGapMs, now - last);
    last = now;
  }, 10);
  return {
    stop() {
      clearInterval(timer);
      maxGapMs = Math.max(maxGapMs, performance.now() - last);
      return { maxGapMs: Math.round(maxGapMs) };
    },
  };
}
