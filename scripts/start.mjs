// `npm start [-- PATH…]`: builds, then checks the bundled sample project (or the paths given).
// Findings are the point of the demonstration, so exit status 1 ("problems found") is reported
// as success here; usage errors and unreadable input still fail.
import { spawnSync } from "node:child_process";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const build = spawnSync(process.execPath, [join(root, "esbuild.mjs")], { stdio: "inherit" });
if (build.status !== 0) process.exit(build.status ?? 1);

const args = process.argv.slice(2);
const paths = args.length > 0 ? args : [join(root, "samples", "mysite")];
if (args.length === 0) console.log(`Checking the bundled sample project (${paths[0]}):\n`);
const check = spawnSync(process.execPath, [join(root, "dist", "cli.js"), "check", ...paths], {
  stdio: "inherit",
});
process.exit(check.status === 1 ? 0 : (check.status ?? 1));
