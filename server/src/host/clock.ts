// The date end-of-life rules judge images against: today, or BULKHEAD_TODAY (YYYY-MM-DD) so that a run
// can be reproduced (CI, tests) whatever the day.

/** BULKHEAD_TODAY when it is a date, else today's date; `invalid` says whether a value was given but is none. */
export function today(env: NodeJS.ProcessEnv = process.env): { date: string; invalid: boolean } {
  const fixed = env.BULKHEAD_TODAY;
  const valid = fixed !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(fixed) && !Number.isNaN(Date.parse(fixed));
  return { date: valid ? fixed : new Date().toISOString().slice(0, 10), invalid: fixed !== undefined && !valid };
}
