// Django's own checks together, on the baselines of the spec (§1d, §5a–5d), in every version we
// know: what `check --deploy` prints for startproject's settings, for bare defaults, for a hardened
// module, and nothing at all where the engine cannot know the values or the module is not production's.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DJANGO_VERSIONS, type DjangoVersion } from "../../../server/src/django/versions";
import { analyzeFiles } from "../../helpers/memoryProject";

const GOOD_KEY = "abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*(-_=+)";

const STARTPROJECT = `from pathlib import Path
BASE_DIR = Path(__file__).resolve().parent.parent
SECRET_KEY = 'django-insecure-${GOOD_KEY}'
DEBUG = True
ALLOWED_HOSTS = []
INSTALLED_APPS = [
    'django.contrib.admin',
    'django.contrib.auth',
    'django.contrib.contenttypes',
    'django.contrib.sessions',
    'django.contrib.messages',
    'django.contrib.staticfiles',
]
MIDDLEWARE = [
    'django.middleware.security.SecurityMiddleware',
    'django.contrib.sessions.middleware.SessionMiddleware',
    'django.middleware.common.CommonMiddleware',
    'django.middleware.csrf.CsrfViewMiddleware',
    'django.contrib.auth.middleware.AuthenticationMiddleware',
    'django.contrib.messages.middleware.MessageMiddleware',
    'django.middleware.clickjacking.XFrameOptionsMiddleware',
]
ROOT_URLCONF = 'mysite.urls'
STATIC_URL = 'static/'
`;

const HARDENED = `${STARTPROJECT}
SECRET_KEY = '${GOOD_KEY}'
DEBUG = False
ALLOWED_HOSTS = ['example.com']
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_SSL_REDIRECT = True
SECURE_REFERRER_POLICY = 'same-origin'
X_FRAME_OPTIONS = 'DENY'
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
`;

/** Django's IDs found (ours, deploy.*, left out), sorted. */
function djangoIds(settings: string, djangoVersion: DjangoVersion, module = "mysite.settings"): string[] {
  const path = `${module.replace(/\./g, "/")}.py`;
  const result = analyzeFiles(
    {
      "manage.py": `import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "${module}")\n`,
      [path]: settings,
    },
    { djangoVersion },
  );
  return result.findings
    .map((finding) => finding.code)
    .filter((code) => !code.startsWith("deploy."))
    .sort();
}

describe("Django's checks on the spec's baselines", () => {
  for (const version of DJANGO_VERSIONS) {
    it(`startproject's settings on ${version}: W004 W008 W009 W012 W016 W018 W020`, () => {
      assert.deepEqual(djangoIds(STARTPROJECT, version), [
        "security.W004",
        "security.W008",
        "security.W009",
        "security.W012",
        "security.W016",
        "security.W018",
        "security.W020",
      ]);
    });

    it(`bare defaults on ${version}: W001 W002 W003 W009 W020`, () => {
      assert.deepEqual(djangoIds("ROOT_URLCONF = 'mysite.urls'\n", version), [
        "security.W001",
        "security.W002",
        "security.W003",
        "security.W009",
        "security.W020",
      ]);
    });

    it(`hardened on ${version}: nothing`, () => {
      assert.deepEqual(djangoIds(HARDENED, version), []);
    });

    it(`cookie flags written as 1 on ${version}`, () => {
      const ids = djangoIds(
        `${HARDENED}SESSION_COOKIE_SECURE = 1\nSESSION_COOKIE_HTTPONLY = 1\nCSRF_COOKIE_SECURE = 1\n`,
        version,
      );
      assert.deepEqual(
        ids,
        version === "3.2" || version === "4.0" ? [] : ["security.W012", "security.W015", "security.W016"],
      );
    });

    it(`every setting unknown on ${version}: nothing`, () => {
      assert.deepEqual(djangoIds("from company.settings import *\n", version), []);
    });

    it(`a development profile on ${version}: nothing`, () => {
      assert.deepEqual(djangoIds(STARTPROJECT, version, "mysite.settings.dev"), []);
    });
  }

  it("the weakened scenario of §5a", () => {
    const weakened = `SECRET_KEY = 'short-key'
DEBUG = True
ALLOWED_HOSTS = []
INSTALLED_APPS = ['django.contrib.sessions']
MIDDLEWARE = [
    'django.middleware.security.SecurityMiddleware',
    'django.middleware.common.CommonMiddleware',
    'django.middleware.csrf.CsrfViewMiddleware',
    'django.middleware.clickjacking.XFrameOptionsMiddleware',
]
SECURE_HSTS_SECONDS = 3600
SECURE_HSTS_INCLUDE_SUBDOMAINS = False
SECURE_HSTS_PRELOAD = False
SECURE_CONTENT_TYPE_NOSNIFF = False
SECURE_SSL_REDIRECT = False
SECURE_REFERRER_POLICY = None
X_FRAME_OPTIONS = 'SAMEORIGIN'
SESSION_COOKIE_SECURE = False
SESSION_COOKIE_HTTPONLY = False
CSRF_COOKIE_SECURE = False
MEDIA_ROOT = '/srv/scen/media'
CACHES = {'default': {'BACKEND': 'django.core.cache.backends.filebased.FileBasedCache', 'LOCATION': '/srv/scen/media/cache'}}
`;
    assert.deepEqual(djangoIds(weakened, "3.2"), [
      "caches.W002",
      "security.W005",
      "security.W006",
      "security.W008",
      "security.W009",
      "security.W010",
      "security.W013",
      "security.W016",
      "security.W018",
      "security.W019",
      "security.W020",
      "security.W021",
      "security.W022",
    ]);
  });

  it("SecurityMiddleware removed with an invalid referrer policy and no HSTS: only W001 of those", () => {
    const ids = djangoIds(
      `${HARDENED}MIDDLEWARE.remove('django.middleware.security.SecurityMiddleware')\nSECURE_REFERRER_POLICY = 'bogus'\nSECURE_HSTS_SECONDS = 0\n`,
      "5.2",
    );
    assert.deepEqual(ids, ["security.W001"]);
  });

  it("SILENCED_SYSTEM_CHECKS hides exactly the IDs listed", () => {
    assert.deepEqual(
      djangoIds(`${HARDENED}SECURE_HSTS_SECONDS = 0\nSILENCED_SYSTEM_CHECKS = ['security.W004']\n`, "3.2"),
      [],
    );
  });
});
