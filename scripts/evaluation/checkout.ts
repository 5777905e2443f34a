// Checkouts of the evaluated projects, re-created from the bare mirrors that the search tool's
// `fetch` leaves under the mirror folder (owner+name/repo).
import { execFileSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { Project } from "./manifest";

export interface Folders {
  /** Where the checkouts live: one folder per project. */
  projects: string;
  /** Where `fetch` leaves the bare repositories. */
  mirrors: string;
}

export function mirrorOf(project: Project, folders: Folders): string {
  return join(folders.mirrors, project.repository.replace("/", "+"), "repo");
}

/**
 * Makes sure the project's checkout exists and has the manifest's setup steps applied. Returns
 * the checkout folder, or a sentence saying why the project has to be skipped.
 */
export function ensureCheckout(project: Project, folders: Folders): { dir: string } | { skip: string } {
  const dir = join(folders.projects, project.folder);
  if (!existsSync(dir)) {
    const mirror = mirrorOf(project, folders);
    if (!existsSync(mirror)) {
      return {
        skip: `no checkout at ${dir} and no mirror at ${mirror}: fetch github:${project.repository} first`,
      };
    }
    try {
      checkoutFromMirror(mirror, project.commit, dir);
    } catch (error) {
      rmSync(dir, { recursive: true, force: true });
      return { skip: `could not check out ${project.commit} from ${mirror}: ${String(error)}` };
    }
  }
  for (const step of project.setup) applySetup(dir, step);
  return { dir };
}

/**
 * Checks out a commit without a work tree of the mirror's own: a temporary index, from which
 * blobs the snapshot lacks (large files are left out of snapshots) are removed first.
 */
function checkoutFromMirror(gitDir: string, commit: string, dest: string): void {
  const scratch = mkdtempSync(join(tmpdir(), "eval-index-"));
  const env = { ...process.env, GIT_INDEX_FILE: join(scratch, "index") };
  const git = (args: string[], input?: string) =>
    execFileSync("git", [`--git-dir=${gitDir}`, ...args], {
      env,
      input,
      encoding: "utf8",
      maxBuffer: 1 << 30,
    });
  try {
    git(["read-tree", commit]);
    const entries = git(["ls-files", "-s"])
      .split("\n")
      .filter((line) => line && !line.startsWith("160000"))
      .map((line) => {
        const [meta, path] = line.split("\t") as [string, string];
        return { object: meta.split(" ")[1]!, path };
      });
    const check = git(["cat-file", "--batch-check"], entries.map((e) => e.object).join("\n") + "\n");
    const missing = new Set(
      check
        .split("\n")
        .filter((line) => line.endsWith(" missing"))
        .map((line) => line.split(" ")[0]),
    );
    const gone = entries.filter((e) => missing.has(e.object)).map((e) => e.path);
    if (gone.length > 0) git(["update-index", "--force-remove", "--stdin"], gone.join("\n") + "\n");
    mkdirSync(dest, { recursive: true });
    git([`--work-tree=${dest}`, "checkout-index", "-a", "-f"]);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function applySetup(dir: string, step: Project["setup"][number]): void {
  if ("copy" in step) {
    const to = join(dir, step.to);
    if (!existsSync(to)) {
      mkdirSync(dirname(to), { recursive: true });
      copyFileSync(join(dir, step.copy), to);
    }
  } else {
    const to = join(dir, step.write);
    mkdirSync(dirname(to), { recursive: true });
    writeFileSync(to, step.content);
  }
}

/** The .env file for a project's production (its envFile plus the variables in `env`), if any. */
export function productionEnvFile(project: Project, dir: string, envFolder: string): string | undefined {
  const names = Object.keys(project.env);
  if (names.length === 0) return project.envFile === undefined ? undefined : join(dir, project.envFile);
  const lines: string[] = [];
  if (project.envFile !== undefined) {
    lines.push(readFileSync(join(dir, project.envFile), "utf8").trimEnd());
  }
  for (const name of names) lines.push(`${name}=${project.env[name]}`);
  mkdirSync(envFolder, { recursive: true });
  const path = join(envFolder, `${project.name}.env`);
  writeFileSync(path, lines.join("\n") + "\n");
  return path;
}
