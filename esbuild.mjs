// Builds the three bundles named in ARCHITECTURE.md: the extension (client), the language server and
// the command line. Everything is bundled; only the `vscode` module is provided by the editor.
import * as esbuild from "esbuild";

const production = process.argv.includes("--production");
const watch = process.argv.includes("--watch");

/** @type {import("esbuild").BuildOptions} */
const shared = {
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  sourcemap: production ? false : "linked",
  minify: production,
  logLevel: "warning",
  legalComments: "none",
};

const builds = [
  { entryPoints: ["client/src/extension.ts"], outfile: "dist/extension.js", external: ["vscode"] },
  { entryPoints: ["server/src/server.ts"], outfile: "dist/server.js" },
  { entryPoints: ["cli/src/main.ts"], outfile: "dist/cli.js", banner: { js: "#!/usr/bin/env node" } },
];

if (watch) {
  const contexts = await Promise.all(builds.map((build) => esbuild.context({ ...shared, ...build })));
  await Promise.all(contexts.map((context) => context.watch()));
} else {
  await Promise.all(builds.map((build) => esbuild.build({ ...shared, ...build })));
}
