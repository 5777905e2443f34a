// A settings module's star imports, read once per text, and the chain of files they reach (directly
// or through other star-imports). Apart from discovery.ts because the discovery's fingerprint
// (profiles.ts) reads the same star imports, and following them is its own walk.
import { resolveRelativeModule } from "./moduleFiles";
import { starImportsIn } from "./pythonEntry";
import { cachedByText } from "./textCache";
import type { FileSystemHost } from "./workspace";

/** A module's star imports, by its text (discoveryFingerprint reads them too: one reading for both). */
export const starImports = cachedByText(starImportsIn);

/** The files a module star-imports, directly or through other star-imports. */
export function starImportChain(
  file: string,
  resolveNearest: (module: string, file: string) => string | undefined,
  host: FileSystemHost,
): Set<string> {
  const seen = new Set<string>();
  const queue = [file];
  while (queue.length > 0) {
    const current = queue.shift()!;
    // An open document is parsed already: its tree is walked, not parsed again on every keystroke.
    const open = host.parsed?.(current);
    const text = open ? undefined : host.readFile(current);
    if (!open && text === undefined) continue;
    for (const { module } of open ? starImportsIn(open.text, open) : starImports(text!)) {
      const target = module.startsWith(".")
        ? resolveRelativeModule(module, current, host)
        : resolveNearest(module, current);
      if (target && !seen.has(target) && target !== file) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  return seen;
}
