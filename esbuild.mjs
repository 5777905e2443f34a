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
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
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

/**
 * Packages that a bundle loads on first use rather than at its start: `check` on a project without a
 * Dockerfile, compose file, platform manifest, pyproject.toml or requirements never calls them, and
 * evaluating their top level (dockerfile-ast brings vscode-languageserver-types with it) cost such a
 * check about 30 ms of CPU and 1.4 MB of memory. commander requires child_process for executable
 * subcommands, which this command line has none of; Node's child_process pulls in net, dgram and
 * their bindings. The language server's protocol libraries require child_process, crypto and net
 * at their start for transports and lookups the server over stdio does not use (together with
 * perf_hooks, which the server no longer imports, about 11 ms of a Node process's start here).
 *
 * Each import of such a package becomes a module whose exports are getters that require the real
 * package the first time one of them is read. The names are the package's own, read here at build
 * time; a name the package does not export stays missing, as it would be.
 */
const LOADED_ON_FIRST_USE = [
  { filter: /^(yaml|dockerfile-ast|smol-toml|shell-quote|@renovatebot\/pep440)$/ },
  { filter: /^node:child_process$/, importer: /[\\/]node_modules[\\/]commander[\\/]/ },
  // The protocol libraries need these only for the IPC, pipe and socket transports and to resolve a
  // global module: the server over stdio never touches them (crypto alone is 15 of Node's modules).
  {
    filter: /^(node:)?(child_process|crypto|net)$/,
    importer: /[\\/]node_modules[\\/]vscode-(jsonrpc|languageserver)[\\/]/,
  },
];

const loadedOnFirstUse = {
  name: "loaded-on-first-use",
  setup(build) {
    for (const { filter, importer } of LOADED_ON_FIRST_USE) {
      build.onResolve({ filter }, (args) => {
        // The stand-in's own require of the package, and importers not listed, resolve as usual.
        if (args.namespace === "first-use" || (importer && !importer.test(args.importer))) return undefined;
        return { path: args.path, namespace: "first-use", pluginData: { resolveDir: args.resolveDir } };
      });
    }
    build.onLoad({ filter: /.*/, namespace: "first-use" }, (args) => {
      const { resolveDir } = args.pluginData;
      const names = Object.keys(createRequire(join(resolveDir, "index.js"))(args.path)).filter(
        (name) => name !== "default",
      );
      const getters = names
        .map(
          (name) =>
            `${JSON.stringify(name)}: { enumerable: true, get: () => load()[${JSON.stringify(name)}] }`,
        )
        .join(",\n");
      return {
        contents: [
          "let loaded;",
          `const load = () => (loaded ??= require(${JSON.stringify(args.path)}));`,
          `Object.defineProperties(module.exports, {\n${getters}\n});`,
        ].join("\n"),
        loader: "js",
        resolveDir,
      };
    });
  },
};

/**
 * The shape of a bundle the launcher compiles (common/src/launchBundle.ts): a function of the module's
 * variables, which a require (Node's own compile cache on Node 22, or a fallback) runs at once, and
 * which the launcher, running the text as a script, gets back as the script's value and calls. The
 * launcher compiles the file's text as it stands (wrapping it would copy the whole text), and reads it
 * as Latin-1, so it must be ASCII: esbuild writes it so (charset "ascii"), and the build checks it.
 */
const launchedBundle = {
  banner: {
    js: "(this === globalThis ? (run) => run : (run) => run.call(this, exports, require, module, __filename, __dirname))(function (exports, require, module, __filename, __dirname) {",
  },
  footer: { js: "});" },
  charset: "ascii",
};

const builds = [
  { entryPoints: ["client/src/extension.ts"], outfile: "dist/extension.js", external: ["vscode"] },
  { entryPoints: ["server/src/server.ts"], outfile: "dist/server.js" },
  {
    entryPoints: ["server/src/serverMain.ts"],
    outfile: "dist/server-main.js",
    plugins: [loadedOnFirstUse],
    ...launchedBundle,
  },
  { entryPoints: ["cli/src/launcher.ts"], outfile: "dist/cli.js", banner: { js: "#!/usr/bin/env node" } },
  {
    entryPoints: ["cli/src/main.ts"],
    outfile: "dist/cli-main.js",
    plugins: [scaffoldApart, loadedOnFirstUse],
    ...launchedBundle,
  },
  { entryPoints: ["cli/src/scaffoldCommand.ts"], outfile: "dist/cli-scaffold.js" },
];

if (watch) {
  const contexts = await Promise.all(builds.map((build) => esbuild.context({ ...shared, ...build })));
  await Promise.all(contexts.map((context) => context.watch()));
} else {
  await Promise.all(builds.map((build) => esbuild.build({ ...shared, ...build })));
  for (const { outfile } of builds.filter((build) => build.footer === launchedBundle.footer)) {
    if (/[^\0-\x7f]/.test(readFileSync(outfile, "latin1")))
      throw new Error(`${outfile} is not ASCII, and the launcher reads it as Latin-1`);
  }
}
