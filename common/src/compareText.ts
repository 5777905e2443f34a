// Text in the order of its UTF-16 code units, the same on every machine. `localeCompare` orders by
// the user's locale (in Danish "aa" sorts after "z"), so a report's order depended on where it ran,
// and its first call starts ICU's collator: about 3 MB and, on a virtual machine whose page faults
// are slow, 15–60 ms of a CLI run.
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
