import assert from "node:assert/strict";
import { test } from "node:test";
import { detectDjangoVersion } from "../../../server/src/project/djangoVersion";
import {
  detectProjectDefaults,
  packageFromSettingsModule,
  settingsModuleFromEntryScript,
  settingsModulesIn,
  settingsPathValue,
} from "../../../scaffold/src/index";

test("the settings module manage.py names", () => {
  assert.equal(
    settingsModuleFromEntryScript("os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')"),
    "mysite.settings",
  );
  assert.equal(
    settingsModuleFromEntryScript('os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.prod"'),
    "config.settings.prod",
  );
  assert.equal(settingsModuleFromEntryScript("import os"), undefined);
  // Django's old wsgi.py template leaves a line in a comment; the code decides.
  assert.equal(
    settingsModuleFromEntryScript(
      '# os.environ["DJANGO_SETTINGS_MODULE"] = "mysite.settings"\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings.production")\n',
    ),
    "mysite.settings.production",
  );
  assert.equal(
    settingsModuleFromEntryScript('"""Set DJANGO_SETTINGS_MODULE", "in.docstring" first."""\n'),
    undefined,
  );
});

test("the package next to the settings", () => {
  assert.equal(packageFromSettingsModule("mysite.settings"), "mysite");
  assert.equal(packageFromSettingsModule("config.settings.production"), "config");
  assert.equal(packageFromSettingsModule("mysite.production"), "mysite");
  assert.equal(packageFromSettingsModule("settings"), undefined);
});

test("settings modules in the workspace, production first", () => {
  assert.deepEqual(
    settingsModulesIn([
      "manage.py",
      "config/settings/__init__.py",
      "config/settings/base.py",
      "config/settings/local.py",
      "config/settings/production.py",
      "mysite/settings.py",
      "mysite/urls.py",
      "settings.py",
    ]),
    [
      "config.settings.production",
      "config.settings",
      "config.settings.base",
      "mysite.settings",
      "config.settings.local",
    ],
  );
});

test("STATIC_ROOT and MEDIA_ROOT written against BASE_DIR or as literals", () => {
  assert.equal(
    settingsPathValue('STATIC_ROOT = BASE_DIR / "staticfiles"', "STATIC_ROOT", "/srv/site"),
    "/srv/site/staticfiles",
  );
  assert.equal(
    settingsPathValue("STATIC_ROOT = BASE_DIR / 'var' / 'static'", "STATIC_ROOT", "/srv/site"),
    "/srv/site/var/static",
  );
  assert.equal(
    settingsPathValue("MEDIA_ROOT = os.path.join(BASE_DIR, 'media')", "MEDIA_ROOT", "/srv/site"),
    "/srv/site/media",
  );
  assert.equal(
    settingsPathValue("MEDIA_ROOT = '/var/www/media'", "MEDIA_ROOT", "/srv/site"),
    "/var/www/media",
  );
  assert.equal(settingsPathValue("STATIC_ROOT = env('STATIC_ROOT')", "STATIC_ROOT", "/srv/site"), undefined);
});

test("the Django version is the checks' own: a lock file wins over requirements.txt, and the source says which", () => {
  const files: Record<string, string> = {
    "/p/manage.py": "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')",
    "/p/requirements.txt": "Django==4.2.11\n",
    "/p/poetry.lock": '[[package]]\nname = "django"\nversion = "5.1.4"\n',
  };
  const readFile = (file: string) => files[file];
  const defaults = detectProjectDefaults(readFile, "/p");
  const checks = detectDjangoVersion(["/p"], {
    readFile,
    findFiles: (root, accept) =>
      Object.keys(files).filter((file) => file.startsWith(`${root}/`) && accept(file.split("/").pop()!)),
  });
  assert.equal(defaults.djangoVersion, "5.1");
  assert.equal(defaults.djangoVersion, checks?.version);
  assert.equal(defaults.djangoVersionSource, "poetry.lock: django 5.1.4");
  assert.equal(checks?.file, "/p/poetry.lock");
});

test("the Django version searched where the checks search: dependency files above the project folder", () => {
  const files: Record<string, string> = {
    "/w/backend/manage.py": "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site.settings')",
    "/w/requirements/production.txt": "Django==5.2.3\n",
    "/w/requirements/dev.txt": "Django==4.2\n",
  };
  const search = {
    roots: ["/w"],
    findFiles: (root: string, accept: (name: string) => boolean) =>
      Object.keys(files).filter((file) => file.startsWith(`${root}/`) && accept(file.split("/").pop()!)),
  };
  const defaults = detectProjectDefaults((file) => files[file], "/w/backend", "/srv/site", search);
  assert.equal(defaults.djangoVersion, "5.2");
  assert.match(defaults.djangoVersionSource ?? "", /^requirements\/production\.txt/);
  // Without the search only the project folder's own files are read: none here.
  assert.equal(detectProjectDefaults((file) => files[file], "/w/backend").djangoVersion, undefined);
});

test("project defaults read from manage.py, the settings and the requirements", () => {
  const files: Record<string, string> = {
    "/p/manage.py": "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.settings.production')",
    "/p/config/settings/production.py":
      "WSGI_APPLICATION = 'config.wsgi.application'\nSTATIC_ROOT = BASE_DIR / 'static'\n",
    "/p/requirements.txt": "Django~=3.2.0\n",
  };
  assert.deepEqual(
    detectProjectDefaults((file) => files[file], "/p", "/srv/p"),
    {
      settingsModule: "config.settings.production",
      projectPackage: "config",
      staticRoot: "/srv/p/static",
      mediaRoot: undefined,
      djangoVersion: "3.2",
      djangoVersionSource: "requirements.txt: Django~=3.2.0 (the oldest version it allows that is checked)",
    },
  );
});
