// A monotonic clock in milliseconds for the scheduler and the analysis timings. Not `performance.now()`:
// Node loads the whole perf_hooks module (about 15 of its internal modules) the first time the global
// `performance` is read, which the server would pay for at every start.

/** Milliseconds since an arbitrary point, monotonic, with sub-millisecond resolution. */
export function milliseconds(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
