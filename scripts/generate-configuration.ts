// Writes package.json's `contributes.configuration` from the zod schema; with --check, fails when
// package.json is stale instead of writing it.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { configurationContribution } from "../common/src/configurationContribution";

const packagePath = join(__dirname, "..", "package.json");
const text = readFileSync(packagePath, "utf8");
const manifest = JSON.parse(text) as { contributes: Record<string, unknown> };
manifest.contributes.configuration = configurationContribution();
const updated = `${JSON.stringify(manifest, null, 2)}\n`;

if (process.argv.includes("--check")) {
  if (updated !== text) {
    console.error("package.json contributes.configuration is stale: run `npm run generate`.");
    process.exit(1);
  }
} else if (updated !== text) {
  writeFileSync(packagePath, updated);
  console.log("package.json updated.");
}
