// Builds the bundles named in ARCHITECTURE.md: the extension (client), the language server and the
// command line. Everything is bundled; only the `vscode` module is provided by the editor. Bundles are
// minified in every build: Node compiles a bundle on every start, and a smaller one starts sooner
// (names are kept, so stack traces and error names still read; source maps beside them in
// development builds).
//
// The language server and the command line start from small launchers (dist/server.js, dist/cli.js)
// that load their bundle (dist/server-main.js, dist/cli-main.js) through a compile cache
// (common/src/launchBundle.ts). The scaffold command, with zod and the scaffold planner, is
// dist/cli-scaffold.js, loaded only by `scaffold`.
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
  minify: true,
  keepNames: true,
  logLevel: "warning",
  legalComments: "none",
};

/**
 * Leaves cli/src/scaffoldCommand.ts to its own bundle: main.ts's `import("./scaffoldCommand")` becomes
 * a require of dist/cli-scaffold.js when it runs. (A require rather than import(): the launcher runs
 * dist/cli-main.js as a vm.Script, which has no loader for dynamic imports.)
 */
const scaffoldApart = {
  name: "scaffold-apart",
  setup(build) {
    build.onResolve({ filter: /^\.\/scaffoldCommand$/ }, () => ({
      path: "scaffold",
      namespace: "scaffold-apart",
    }));
    build.onResolve({ filter: /^\.\/cli-scaffold\.js$/ }, (args) => ({ path: args.path, external: true }));
    build.onLoad({ filter: /.*/, namespace: "scaffold-apart" }, () => ({
      contents: 'module.exports = require("./cli-scaffold.js");',
      loader: "js",
    }));
  },
};

const builds = [
  { entryPoints: ["client/src/extension.ts"], outfile: "dist/extension.js", external: ["vscode"] },
  { entryPoints: ["server/src/server.ts"], outfile: "dist/server.js" },
  { entryPoints: ["server/src/serverMain.ts"], outfile: "dist/server-main.js" },
  { entryPoints: ["cli/src/launcher.ts"], outfile: "dist/cli.js", banner: { js: "#!/usr/bin/env node" } },
  { entryPoints: ["cli/src/main.ts"], outfile: "dist/cli-main.js", plugins: [scaffoldApart] },
  { entryPoints: ["cli/src/scaffoldCommand.ts"], outfile: "dist/cli-scaffold.js" },
];

if (watch) {
  const contexts = await Promise.all(builds.map((build) => esbuild.context({ ...shared, ...build })));
  await Promise.all(contexts.map((context) => context.watch()));
} else {
  await Promise.all(builds.map((build) => esbuild.build({ ...shared, ...build })));
}
