// Writing a scaffolded file atomically: the text goes to a temporary file in the same folder, which
// is then renamed over the target, so a reader never sees half a file. An existing file keeps its mode.
import { randomBytes } from "node:crypto";
import { mkdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import * as path from "node:path";

export function writeFileAtomically(target: string, content: string): void {
  const folder = path.dirname(target);
  mkdirSync(folder, { recursive: true });
  let mode = 0o644;
  try {
    mode = statSync(target).mode & 0o7777;
  } catch {
    // A new file: the default mode, less the umask.
  }
  const temporary = path.join(
    folder,
    `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`,
  );
  try {
    writeFileSync(temporary, content, { encoding: "utf8", mode, flag: "wx" });
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
