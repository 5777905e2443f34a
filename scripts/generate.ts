// Writes what is generated from one source: package.json's `contributes.configuration` from the zod
// schema, and README.md's table of checks from the registry. With --check, fails when either is stale
// instead of writing it.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { configurationContribution } from "../common/src/configurationContribution";
import { withChecksTable } from "./checksTable";

const root = join(__dirname, "..");
const check = process.argv.includes("--check");
let stale = false;

function update(file: string, compute: (text: string) => string, command: string): void {
  const path = join(root, file);
  const text = readFileSync(path, "utf8");
  const updated = compute(text);
  if (updated === text) return;
  if (check) {
    console.error(`${file} is stale: run \`${command}\`.`);
    stale = true;
  } else {
    writeFileSync(path, updated);
    console.log(`${file} updated.`);
  }
}

update(
  "package.json",
  (text) => {
    const manifest = JSON.parse(text) as { contributes: Record<string, unknown> };
    manifest.contributes.configuration = configurationContribution();
    return `${JSON.stringify(manifest, null, 2)}\n`;
  },
  "npm run generate",
);
update("README.md", withChecksTable, "npm run generate");
if (stale) process.exit(1);
