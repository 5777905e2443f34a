// What the parts of the programs' benchmark (bench/process.ts) share: the bundles measured, whether
// this is a smoke run, and the scratch projects made on disk, which bench/process.ts removes when the
// run ends.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const ROOT = join(__dirname, "..");
/** The bundles measured: dist/, or BENCH_DIST (another build, for a before/after comparison). */
export const DIST = process.env.BENCH_DIST ?? join(ROOT, "dist");
export const CLI = join(DIST, "cli.js");
export const SERVER = join(DIST, "server.js");
export const SMOKE = process.env.BENCH_SMOKE === "1";

/** Folders made for the run, removed when it ends. */
export const scratch: string[] = [];

/** A project on disk with manage.py naming `settingsModule`, and the given files. */
export function project(settingsModule: string, files: Record<string, string>): string {
  const folder = mkdtempSync(join(tmpdir(), "django-deploy-bench-"));
  scratch.push(folder);
  const all = {
    "manage.py": `import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "${settingsModule}")\n`,
    "mysite/__init__.py": "",
    ...files,
  };
  for (const [path, text] of Object.entries(all)) {
    mkdirSync(join(folder, path, ".."), { recursive: true });
    writeFileSync(join(folder, path), text);
  }
  return folder;
}
