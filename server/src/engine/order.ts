/**
 * Strings in code-unit order. Not localeCompare or an Intl.Collator: the first use of either in a process
 * loads ICU's collation data (20–100 ms, at start-up or in the first analysis), and the strings compared
 * here (rule ids, ISO dates) sort the same either way.
 */
export const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
