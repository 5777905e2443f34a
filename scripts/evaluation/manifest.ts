// The manifest of the real-world evaluation: which public projects, at which commit, and which of
// their settings modules production runs (docs/evaluation.md).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";

const dotted = z.string().regex(/^[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*)*$/);

const setupStep = z.union([
  z.object({ copy: z.string(), to: z.string() }).strict(),
  z.object({ write: z.string(), content: z.string() }).strict(),
]);

const project = z
  .object({
    /** Short name; also the checkout folder under the projects folder. */
    name: z.string().regex(/^[a-z0-9-]+$/),
    /** owner/name on GitHub. */
    repository: z.string().regex(/^[\w.-]+\/[\w.-]+$/),
    commit: z.string().regex(/^[0-9a-f]{40}$/),
    folder: z.string(),
    /** The folder the CLI is given, relative to the checkout. */
    projectDir: z.string().default("."),
    /** Folders put on sys.path by production, relative to the checkout. */
    sourceRoots: z.array(z.string()).min(1),
    styles: z.array(z.string()),
    /** The settings modules production runs. */
    production: z.array(dotted).min(1),
    /** One sentence: why these are the production modules. */
    evidence: z.string(),
    /** Modules that are not production (development, test, build) a tool might wrongly pick. */
    nonProduction: z.array(dotted),
    /** Alternative production modules (another host, a beta site): neither rewarded nor penalised. */
    otherProduction: z.array(dotted).default([]),
    /** Variables the deployment sets to select its settings (DJANGO_ENV=production). */
    env: z.record(z.string(), z.string()).default({}),
    /** A .env file production reads, relative to the checkout. */
    envFile: z.string().optional(),
    /** What the deployment does to the tree before it runs (a file copied or written). */
    setup: z.array(setupStep).default([]),
  })
  .strict();

export type Project = z.infer<typeof project>;
export type SetupStep = z.infer<typeof setupStep>;

const manifest = z.object({ $comment: z.string().optional(), projects: z.array(project) }).strict();

export const MANIFEST_PATH = join(__dirname, "manifest.json");

export function loadManifest(path = MANIFEST_PATH): Project[] {
  const parsed = manifest.parse(JSON.parse(readFileSync(path, "utf8")));
  const names = new Set<string>();
  for (const p of parsed.projects) {
    if (names.has(p.name)) throw new Error(`manifest: project ${p.name} appears twice`);
    names.add(p.name);
  }
  return parsed.projects;
}
