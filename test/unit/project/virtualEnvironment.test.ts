import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, test } from "node:test";
import { nodeFileSystem } from "../../../server/src/project/nodeFileSystem";
import { sitePackagesFolders } from "../../../server/src/project/virtualEnvironment";

const fixture = join(__dirname, "..", "..", "fixtures", "patterns", "third-party-star-venv");
const sitePackages = join(fixture, ".venv", "lib", "python3.11", "site-packages");

describe("the project's virtual environment", () => {
  test("is found on the real disk, whose `exists` answers for files only", () => {
    assert.equal(nodeFileSystem.exists!(sitePackages), false, "the disk's exists is for files");
    assert.deepEqual(sitePackagesFolders([fixture], nodeFileSystem), [sitePackages]);
  });

  test("and through --python's interpreter, once", () => {
    const python = join(fixture, ".venv", "bin", "python");
    assert.deepEqual(sitePackagesFolders([fixture], nodeFileSystem, python), [sitePackages]);
  });

  test("a host without folderExists is asked with exists", () => {
    const host = {
      readFile: () => undefined,
      findFiles: () => [],
      exists: (path: string) => path === sitePackages,
    };
    assert.deepEqual(sitePackagesFolders([fixture], host), [sitePackages]);
  });
});
