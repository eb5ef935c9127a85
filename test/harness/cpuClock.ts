// CPU time of this process (all its threads) in milliseconds: what benchmarks and complexity tests
// compare, since another process loading the machine adds wall time but not this process's CPU time.

/** CPU milliseconds since `start` (a `process.cpuUsage()` reading), or since the process began. */
export function cpuMsSince(start?: NodeJS.CpuUsage): number {
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1000;
}

/** CPU milliseconds of one run of `fn`. */
export function cpuMsOf(fn: () => void): number {
  const start = process.cpuUsage();
  fn();
  return cpuMsSince(start);
}
