// The readers of deployment files: each gives the facts of its format with their lines.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { djangoCommandOf, settingsNamedBy, simpleCommands } from "../../../server/src/project/commandLine";
import { readComposeFile } from "../../../server/src/project/compose";
import { readConfigFile } from "../../../server/src/project/configFile";
import {
  type DockerInstruction,
  readDockerfile,
  runtimeEnvironment,
  runtimeWorkdir,
} from "../../../server/src/project/dockerfile";
import { readProcfile } from "../../../server/src/project/procfile";
import { settingsNamedInPython, starImportsIn } from "../../../server/src/project/pythonEntry";
import { readSystemdUnit } from "../../../server/src/project/systemdUnit";

describe("command lines", () => {
  it("splits at operators, unwraps sh -c, and reads env, export and assignments", () => {
    const commands = simpleCommands(
      `sh -c "export DJANGO_SETTINGS_MODULE=a.b && python manage.py migrate" ; env X=1 exec gunicorn 'w s' > log 2>&1`,
    );
    assert.deepEqual(
      commands.map((command) => [command.assignments.map((entry) => entry.variable), command.words]),
      [
        [["DJANGO_SETTINGS_MODULE"], []],
        [[], ["python", "manage.py", "migrate"]],
        [["X"], ["gunicorn", "w s", "2"]],
      ],
    );
  });

  it("a word with an expansion is unknown, not empty", () => {
    const [command] = simpleCommands("DJANGO_SETTINGS_MODULE=$MODULE python manage.py check --settings ${S}");
    assert.deepEqual(command!.assignments, [{ variable: "DJANGO_SETTINGS_MODULE", value: undefined }]);
    assert.deepEqual(settingsNamedBy(command!), []);
  });

  it("names settings through --settings, --env, -e and --ds", () => {
    const named = (line: string) =>
      simpleCommands(line)
        .flatMap(settingsNamedBy)
        .map((entry) => entry.module);
    assert.deepEqual(named("python manage.py collectstatic --settings=a.build"), ["a.build"]);
    assert.deepEqual(named("django-admin migrate --settings a.release"), ["a.release"]);
    assert.deepEqual(named("gunicorn --env DJANGO_SETTINGS_MODULE=a.prod a.wsgi"), ["a.prod"]);
    assert.deepEqual(named("uwsgi --env=DJANGO_SETTINGS_MODULE=a.uwsgi"), ["a.uwsgi"]);
    assert.deepEqual(named("pytest --ds=a.test"), ["a.test"]);
    assert.deepEqual(named("echo DJANGO_SETTINGS_MODULE=a.b"), []);
  });

  it("tells which management command runs", () => {
    const run = (line: string) => djangoCommandOf(simpleCommands(line)[0]!);
    assert.equal(run("python manage.py runserver 0.0.0.0:8000"), "runserver");
    assert.equal(run("python /app/manage.py --settings a.b collectstatic"), "collectstatic");
    assert.equal(run("django-admin -v 2 migrate --noinput"), "migrate");
    assert.equal(run("gunicorn mysite.wsgi"), undefined);
    assert.equal(run("pytest -x"), "pytest");
  });
});

describe("Dockerfile", () => {
  const text = [
    "ARG BASE=python:3.12",
    "FROM $BASE AS deps",
    "ARG SETTINGS=site.settings.production",
    "ENV DJANGO_SETTINGS_MODULE=$SETTINGS",
    "RUN pip install -r requirements.txt",
    "FROM node:20 AS assets",
    "RUN npm run build",
    "FROM deps",
    "WORKDIR /srv",
    "WORKDIR app",
    "COPY --from=assets /out /srv/app/static",
    'CMD ["gunicorn", "site.wsgi"]',
    "ENTRYPOINT /entrypoint.sh",
  ].join("\n");

  it("stages, the stages of the final image, and each instruction's line", () => {
    const facts = readDockerfile(text);
    assert.deepEqual(
      facts.stages.map((stage) => [stage.name ?? null, stage.image, stage.line]),
      [
        ["deps", "$BASE", 1],
        ["assets", "node:20", 5],
        [null, "deps", 7],
      ],
    );
    assert.deepEqual(facts.runtimeStages, [0, 2]);
    assert.deepEqual(
      facts.stages[2]!.instructions.map((instruction) => `${instruction.keyword}@${instruction.line}`),
      ["WORKDIR@8", "WORKDIR@9", "COPY@10", "CMD@11", "ENTRYPOINT@12"],
    );
    assert.equal(runtimeWorkdir(facts), "/srv/app");
  });

  it("an ENV from an ARG is unknown as a value and known as the ARG's default", () => {
    const environment = runtimeEnvironment(readDockerfile(text));
    const settings = environment.get("DJANGO_SETTINGS_MODULE")!;
    assert.equal(settings.value, undefined);
    assert.equal(settings.expanded, "site.settings.production");
    assert.deepEqual([settings.line, settings.start, settings.end], [3, 4, 26]);
  });

  it("exec and shell forms; comment lines inside a continued RUN are dropped", () => {
    const facts = readDockerfile(
      'FROM python\nRUN DJANGO_SETTINGS_MODULE=a.build \\\n  # collect once\n  python manage.py collectstatic\nCMD ["sh", "-c", "gunicorn --env DJANGO_SETTINGS_MODULE=a.prod a.wsgi"]\n',
    );
    const [run, cmd] = facts.stages[0]!.instructions as [DockerInstruction, DockerInstruction];
    assert.equal(run!.keyword === "RUN" && run.form, "shell");
    assert.deepEqual(run!.keyword === "RUN" && run.commands[0]!.words, [
      "python",
      "manage.py",
      "collectstatic",
    ]);
    assert.equal(cmd!.keyword === "CMD" && cmd.form, "exec");
    assert.deepEqual(
      cmd!.keyword === "CMD" && cmd.commands.flatMap(settingsNamedBy).map((entry) => entry.module),
      ["a.prod"],
    );
  });
});

describe("compose", () => {
  it("services with merge keys, environment as a map and a list, env_file, build and interpolation", () => {
    const facts = readComposeFile(
      [
        "x-app: &app",
        "  build:",
        "    context: backend",
        "    target: runtime",
        "  env_file: [.envs/.django, {path: .envs/.optional, required: false}]",
        "services:",
        "  web:",
        "    <<: *app",
        "    environment:",
        "      DJANGO_SETTINGS_MODULE: ${SETTINGS:-site.settings.production}",
        "      'QUOTED': x",
        "    command: gunicorn site.wsgi",
        "  worker:",
        "    <<: *app",
        "    environment:",
        '      - "DJANGO_SETTINGS_MODULE=site.settings.worker"',
        "      - PASSED_THROUGH",
        '    command: ["celery", "-A", "site", "worker"]',
      ].join("\n"),
      (name) => (name === "SETTINGS" ? undefined : "x"),
    );
    assert.equal(facts.isCompose, true);
    const [web, worker] = facts.services;
    assert.deepEqual(
      web!.environment.map((entry) => [
        entry.variable,
        entry.value ?? null,
        entry.expanded,
        entry.line,
        entry.start,
      ]),
      [
        ["DJANGO_SETTINGS_MODULE", null, "site.settings.production", 9, 6],
        ["QUOTED", "x", "x", 10, 7],
      ],
    );
    assert.deepEqual(web!.envFiles, [
      { path: ".envs/.django", line: 4, required: true },
      { path: ".envs/.optional", line: 4, required: false },
    ]);
    assert.deepEqual(web!.build, { context: "backend", dockerfile: undefined, target: "runtime", line: 1 });
    assert.deepEqual(
      worker!.environment.map((entry) => [entry.variable, entry.value ?? null, entry.line, entry.start]),
      [
        ["DJANGO_SETTINGS_MODULE", "site.settings.worker", 15, 9],
        ["PASSED_THROUGH", null, 16, 8],
      ],
    );
    assert.deepEqual(worker!.command!.commands[0]!.words, ["celery", "-A", "site", "worker"]);
  });

  it("a YAML file without services: is no compose file", () => {
    assert.equal(readComposeFile("name: docs\nnav: []\n").isCompose, false);
    assert.equal(readComposeFile("services: [\n").isCompose, false);
  });
});

describe("Procfile, systemd units, INI files and Python entry files", () => {
  it("Procfile process types with lines", () => {
    const processes = readProcfile("# comment\nweb: gunicorn site.wsgi\n\nrelease: ./release.sh\n");
    assert.deepEqual(
      processes.map((process) => [process.type, process.line]),
      [
        ["web", 1],
        ["release", 3],
      ],
    );
  });

  it("systemd: Environment= words, EnvironmentFile=, Exec lines, only in sections that run processes", () => {
    const facts = readSystemdUnit(
      '[Unit]\nEnvironment=IGNORED=1\n[Service]\nEnvironment="A=two words" B=%i \\\n  C=3\nEnvironmentFile=-/etc/site.env\nExecStart=-/srv/venv/bin/gunicorn site.wsgi\n',
    );
    assert.deepEqual(
      facts.environment.map((entry) => [entry.variable, entry.value ?? null, entry.line, entry.start]),
      [
        ["A", "two words", 3, 13],
        ["B", null, 3, 26],
        ["C", "3", 4, 2],
      ],
    );
    assert.deepEqual(facts.environmentFiles, [{ path: "/etc/site.env", line: 5 }]);
    assert.deepEqual(facts.exec[0]!.commands[0]!.words, ["/srv/venv/bin/gunicorn", "site.wsgi"]);
  });

  it("INI files as configparser reads them: continuation lines keep their lines", () => {
    const sections = readConfigFile(
      "[testenv]\n; comment\nsetenv =\n    DJANGO_SETTINGS_MODULE=site.settings.test\n    PYTHONPATH = {toxinidir}\ncommands: pytest\n",
    );
    assert.deepEqual(sections[0]!.entries, [
      {
        key: "setenv",
        value: "\nDJANGO_SETTINGS_MODULE=site.settings.test\nPYTHONPATH = {toxinidir}",
        line: 2,
        lines: [
          { text: "DJANGO_SETTINGS_MODULE=site.settings.test", line: 3 },
          { text: "PYTHONPATH = {toxinidir}", line: 4 },
        ],
      },
      { key: "commands", value: "pytest", line: 5, lines: [{ text: "pytest", line: 5 }] },
    ]);
  });

  it("Python entry files: code counts wherever it is, comments and strings never", () => {
    assert.deepEqual(
      settingsNamedInPython(
        [
          '"""os.environ.setdefault("DJANGO_SETTINGS_MODULE", "in.docstring")"""',
          "import os",
          "from os import environ",
          '# os.environ["DJANGO_SETTINGS_MODULE"] = "in.comment"',
          "def main():",
          "    os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site.settings.local')",
          'environ["DJANGO_SETTINGS_MODULE"] = "site.settings.forced"',
          'text = \'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "in.string")\'',
          'os.environ.setdefault("DJANGO_SETTINGS_MODULE", f"{name}.settings")',
        ].join("\n"),
      ),
      [
        { module: "in.comment", line: 3, how: "commented-out" },
        { module: "site.settings.local", line: 5, how: "default" },
        { module: "site.settings.forced", line: 6, how: "assignment" },
      ],
    );
  });

  it("star imports, wherever they are, not in strings", () => {
    assert.deepEqual(
      starImportsIn(
        "from .base import *  # noqa\ntry:\n    from .local import *\nexcept ImportError:\n    pass\n'from x import *'\nfrom y import z\n",
      ),
      [
        { module: ".base", line: 0 },
        { module: ".local", line: 2 },
      ],
    );
  });
});
