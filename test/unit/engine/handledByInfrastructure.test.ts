// Checks whose concern the infrastructure handles become information-level notes that say so.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DjangoProject } from "../../../server/src/engine/project";
import { memoryHost, ROOT } from "../../helpers/memoryProject";

const FILES = {
  "manage.py": 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\n',
  "mysite/settings.py": 'MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]\nDEBUG = True\n',
};

describe("handled by infrastructure", () => {
  it("turns the listed checks' findings into notes that say so, and leaves the others alone", () => {
    const findings = new DjangoProject([ROOT], memoryHost(FILES), {
      handledByInfrastructure: ["security.W008", "security.W004"],
    }).analyze().findings;
    const redirect = findings.find((finding) => finding.code === "security.W008");
    assert.equal(redirect?.severity, "information");
    assert.equal(redirect?.handledByInfrastructure, true);
    assert.match(redirect?.explanation ?? "", /infrastructure in front of Django handles this/);
    assert.equal(findings.find((finding) => finding.code === "security.W018")?.severity, "warning");
  });

  it("changes nothing when nothing is listed", () => {
    const findings = new DjangoProject([ROOT], memoryHost(FILES)).analyze().findings;
    assert.equal(findings.find((finding) => finding.code === "security.W008")?.severity, "warning");
  });
});
