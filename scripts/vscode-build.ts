// Bundles the mocha suite that runs inside VS Code (test/vscode/suite/) into dist/test/vscode/: the
// index that VS Code loads as `extensionTestsPath`, and one bundle per `*.spec.ts` next to it. `vscode`
// comes from the extension host and `mocha` from node_modules, so both stay external.
// `npx tsx scripts/vscode-build.ts` builds and prints the index's path.
import { readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import * as esbuild from "esbuild";

const ROOT = resolve(import.meta.dirname, "..");
const SOURCE = join(ROOT, "test", "vscode", "suite");
export const SUITE_OUT = join(ROOT, "dist", "test", "vscode");
/** What VS Code loads as `extensionTestsPath`. */
export const SUITE_INDEX = join(SUITE_OUT, "index.js");

export async function buildSuite(): Promise<string> {
  const specs = readdirSync(SOURCE).filter((name) => name.endsWith(".spec.ts"));
  await esbuild.build({
    entryPoints: [join(SOURCE, "index.ts"), ...specs.map((name) => join(SOURCE, name))],
    outdir: SUITE_OUT,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    sourcemap: "inline",
    external: ["vscode", "mocha"],
    logLevel: "warning",
  });
  return SUITE_INDEX;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  buildSuite().then(console.log, (error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
