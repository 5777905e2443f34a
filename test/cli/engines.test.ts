// The Node versions package.json states are true: every package `npm ci` installs accepts the oldest
// of them (and the Node running the tests), so `npm ci` prints no EBADENGINE warning.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import semver from "semver";

const root = join(__dirname, "..", "..");
const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  engines: { node: string };
};
const lock = JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8")) as {
  packages: Record<string, { engines?: { node?: string } | string[]; optional?: boolean; os?: string[] }>;
};

describe("engines", () => {
  it("every locked package accepts the oldest Node that package.json states, and this one", () => {
    const oldest = semver.minVersion(manifest.engines.node)!.version;
    assert.ok(semver.satisfies(process.version, manifest.engines.node), `this Node ${process.version}`);
    const refusing: string[] = [];
    for (const [path, entry] of Object.entries(lock.packages)) {
      // Packages for other platforms are never installed here (npm skips them by their `os`).
      if (entry.os && !entry.os.includes(process.platform)) continue;
      const range = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
      if (!range || path === "") continue;
      for (const version of [oldest, process.version]) {
        if (!semver.satisfies(version, range, { includePrerelease: true }))
          refusing.push(`${path.replace(/^.*node_modules\//, "")} wants node ${range}, not ${version}`);
      }
    }
    assert.deepEqual(refusing, []);
  });
});
