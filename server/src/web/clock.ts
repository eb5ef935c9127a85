// The date end-of-life rules judge images against, in the web worker (counterpart of host/clock.ts,
// substituted by scripts/bundle.mjs): a worker has no environment, so no BULKHEAD_TODAY.

export function today(): { date: string; invalid: boolean } {
  return { date: new Date().toISOString().slice(0, 10), invalid: false };
}
