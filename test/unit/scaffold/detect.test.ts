import assert from "node:assert/strict";
import { test } from "node:test";
import {
  detectProjectDefaults,
  djangoVersionFromRequirements,
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

test("the Django version from requirements", () => {
  assert.equal(djangoVersionFromRequirements("Django==4.2.11\nwhitenoise\n"), "4.2");
  assert.equal(djangoVersionFromRequirements('dependencies = [\n  "django>=5.1,<5.2",\n]'), "5.1");
  assert.equal(djangoVersionFromRequirements("django-environ==0.11\n"), undefined);
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
    },
  );
});
