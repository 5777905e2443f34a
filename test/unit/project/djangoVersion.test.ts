import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { detectDjangoVersion } from "../../../server/src/project/djangoVersion";
import { memoryHost, ROOT } from "../../helpers/memoryProject";

/** The detected version and the text of its source; `file` is asserted on its own. */
function detect(files: Record<string, string>) {
  const detected = detectDjangoVersion([ROOT], memoryHost(files));
  if (!detected) return undefined;
  const { file, ...rest } = detected;
  assert.ok(file.startsWith(`${ROOT}/`), `${file} is the absolute path of a file of the project`);
  return rest;
}

function version(files: Record<string, string>) {
  return detect(files)?.version;
}

describe("Django version detection", () => {
  it("nothing to go by", () => {
    assert.equal(detect({ "manage.py": "" }), undefined);
    assert.equal(detect({ "requirements.txt": "gunicorn==22.0\n" }), undefined);
  });

  it("an unconstrained requirement installs the newest release: not known", () => {
    assert.equal(detect({ "requirements.txt": "Django\n" }), undefined);
    assert.equal(detect({ Pipfile: '[packages]\ndjango = "*"\n' }), undefined);
  });

  it("a pin in requirements.txt, mapped to its series", () => {
    assert.deepEqual(detect({ "requirements.txt": "# web\nDjango==5.2.3  # LTS\ngunicorn\n" }), {
      version: "5.2",
      source: "requirements.txt: Django==5.2.3",
    });
    assert.equal(version({ "requirements.txt": "django===4.0.10\n" }), "4.0");
    assert.equal(
      version({ "requirements.txt": "Django[argon2,bcrypt] == 4.2.7 ; python_version >= '3.8'\n" }),
      "4.2",
    );
  });

  it("hashes and continuation lines", () => {
    assert.equal(
      version({ "requirements.txt": "django==4.1.13 \\\n    --hash=sha256:abc \\\n    --hash=sha256:def\n" }),
      "4.1",
    );
  });

  it("ranges stand for the oldest version they allow that is checked", () => {
    assert.equal(version({ "requirements.txt": "Django>=4.2,<5.0\n" }), "4.2");
    assert.equal(version({ "requirements.txt": "Django~=4.2\n" }), "4.2");
    assert.equal(version({ "requirements.txt": "Django~=4.2.7\n" }), "4.2");
    assert.equal(version({ "requirements.txt": "Django>4.2\n" }), "4.2");
    assert.equal(version({ "requirements.txt": "Django>=4.2.99,!=4.2.*\n" }), "5.0");
    assert.equal(version({ "requirements.txt": "Django<5\n" }), "3.2");
    assert.equal(version({ "requirements.txt": "Django==5.1.*\n" }), "5.1");
    assert.match(
      detect({ "requirements.txt": "Django>=4.2,<5.0\n" })!.source,
      /Django>=4.2,<5.0 \(the oldest/,
    );
  });

  it("requirements/*.txt, preferring the production file to the development one", () => {
    assert.equal(
      version({
        "requirements/dev.txt": "-r base.txt\nDjango==5.0.1\n",
        "requirements/base.txt": "Django==4.2.11\n",
      }),
      "4.2",
    );
    assert.equal(
      version({ "docs/conf.txt": "Django==5.0\n", "requirements-prod.txt": "Django==4.1\n" }),
      "4.1",
    );
  });

  it("pyproject.toml: PEP 621 dependencies", () => {
    const text =
      '[project]\nname = "site"\ndependencies = [\n  "gunicorn>=22",\n  "Django>=5.0,<5.3",  # web\n]\n[project.optional-dependencies]\ndev = ["Django==4.0"]\n';
    assert.deepEqual(detect({ "pyproject.toml": text }), {
      version: "5.0",
      source: "pyproject.toml: Django>=5.0,<5.3 (the oldest version it allows that is checked)",
    });
  });

  it("pyproject.toml: Poetry's caret, tilde, exact and inline-table forms", () => {
    const poetry = (constraint: string) =>
      `[tool.poetry.dependencies]\npython = "^3.11"\ndjango = ${constraint}\n`;
    assert.equal(version({ "pyproject.toml": poetry('"^4.2"') }), "4.2");
    assert.equal(version({ "pyproject.toml": poetry('"~5.1.2"') }), "5.1");
    assert.equal(version({ "pyproject.toml": poetry('"4.2.7"') }), "4.2");
    assert.equal(
      version({ "pyproject.toml": poetry('{ version = ">=5.2 <6.0", extras = ["argon2"] }') }),
      "5.2",
    );
    assert.equal(version({ "pyproject.toml": poetry('"^3.2 || ^4.2"') }), "3.2");
  });

  it("lock files win over ranges and pins", () => {
    const lock =
      '[[package]]\nname = "asgiref"\nversion = "3.8.1"\n\n[[package]]\nname = "django"\nversion = "5.1.4"\n';
    assert.deepEqual(
      detect({ "pyproject.toml": '[tool.poetry.dependencies]\ndjango = "^4.2"\n', "poetry.lock": lock }),
      { version: "5.1", source: "poetry.lock: django 5.1.4" },
    );
    assert.equal(version({ "uv.lock": lock, "requirements.txt": "Django==4.2\n" }), "5.1");
    assert.equal(
      version({
        Pipfile: '[packages]\ndjango = ">=4.2"\n[dev-packages]\ndjango = "==5.0"\n',
        "Pipfile.lock": JSON.stringify({ default: { Django: { version: "==4.2.16" } }, develop: {} }),
      }),
      "4.2",
    );
  });

  it("Pipfile alone", () => {
    assert.equal(version({ Pipfile: '[packages]\nDjango = {version = "~=5.2"}\n' }), "5.2");
  });

  it("setup.cfg and setup.py", () => {
    assert.equal(
      version({
        "setup.cfg":
          "[metadata]\nname = site\n[options]\ninstall_requires =\n    requests\n    Django>=4.1,<4.2\n",
      }),
      "4.1",
    );
    assert.equal(
      version({
        "setup.py":
          'setup(\n    name="site",\n    install_requires=["Django==4.0.3"],\n    classifiers=["Framework :: Django :: 4.0"],\n)\n',
      }),
      "4.0",
    );
  });

  it("an old version is checked as 3.2, and the source says so", () => {
    assert.deepEqual(detect({ "requirements.txt": "Django==2.2.28\n" }), {
      version: "3.2",
      source:
        "requirements.txt: Django==2.2.28 is older than 3.2, the oldest version checked: checking as 3.2",
    });
    assert.match(
      detect({ "requirements.txt": "Django<3.0\n" })!.source,
      /allows only versions older than 3.2/,
    );
    assert.equal(version({ "requirements.txt": "Django==3.2.25\n" }), "3.2");
  });

  it("a version newer than the checks know is checked as the newest", () => {
    const detected = detect({ "requirements.txt": "Django==7.0.1\n" })!;
    assert.equal(detected.version, "6.1");
    assert.match(detected.source, /not a version the checks know: checking as 6.1/);
    assert.equal(version({ "requirements.txt": "Django>=9.0\n" }), "6.1");
  });

  it("pre-releases count as their series", () => {
    assert.equal(version({ "requirements.txt": "Django==6.0rc1\n" }), "6.0");
  });

  it("packages that only start with django are not Django", () => {
    assert.equal(
      detect({
        "requirements.txt": "django-environ==0.11.2\ndjangorestframework==3.15\ndjango_extensions==3.2\n",
      }),
      undefined,
    );
  });
});
