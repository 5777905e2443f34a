// Readers of deployment files run on every analysis (each keystroke in the editor) while the files
// rarely change: their results are kept by the text they were read from. Results are shared, so
// callers must not change them.

/**
 * How many texts each reader remembers; the oldest is forgotten first. Above the number of settings
 * modules of large split-settings projects (a project of 200 modules re-parsed all of them on every
 * analysis when this was 128).
 */
const SIZE = 2_048;

export function cachedByText<Result>(read: (text: string) => Result): (text: string) => Result {
  const cache = new Map<string, Result>();
  return (text) => {
    const cached = cache.get(text);
    if (cached !== undefined || cache.has(text)) {
      // Most recently used last, so the first entry is the one to forget.
      cache.delete(text);
      cache.set(text, cached as Result);
      return cached as Result;
    }
    const result = read(text);
    cache.set(text, result);
    if (cache.size > SIZE) cache.delete(cache.keys().next().value as string);
    return result;
  };
}
