import { checkTable } from "../../helpers/checkTable";

const APP = "INSTALLED_APPS = ['django.contrib.staticfiles']\n";

checkTable("staticfiles.E002", {
  valid: [
    {
      name: "different directories",
      settings: `${APP}STATIC_ROOT = '/srv/staticfiles'\nSTATICFILES_DIRS = ['/srv/static']\n`,
    },
    {
      name: "the app is not installed",
      settings: "STATIC_ROOT = '/srv/static'\nSTATICFILES_DIRS = ['/srv/static']\n",
    },
    {
      name: "no FileSystemFinder",
      settings: `${APP}STATICFILES_FINDERS = ['django.contrib.staticfiles.finders.AppDirectoriesFinder']\nSTATIC_ROOT = '/srv/static'\nSTATICFILES_DIRS = ['/srv/static']\n`,
    },
    {
      name: "a custom finder may extend FileSystemFinder: not judged",
      settings: `${APP}STATICFILES_FINDERS = ['my.Finder']\nSTATIC_ROOT = '/srv/static'\nSTATICFILES_DIRS = ['/srv/static']\n`,
    },
    { name: "STATIC_ROOT unset", settings: `${APP}STATICFILES_DIRS = ['/srv/static']\n` },
    {
      name: "relative against absolute",
      settings: `${APP}STATIC_ROOT = 'static'\nSTATICFILES_DIRS = ['/srv/static']\n`,
    },
  ],
  invalid: [
    {
      name: "the same directory, written differently",
      settings: `${APP}STATIC_ROOT = '/srv/site/static/'\nSTATICFILES_DIRS = ['/srv/assets', '/srv/site/./static']\n`,
      findings: ["3:36"],
      message: /STATICFILES_DIRS lists STATIC_ROOT/,
    },
    {
      name: "a (prefix, path) entry, with the AppConfig path of the app",
      settings: `INSTALLED_APPS = ['django.contrib.staticfiles.apps.StaticFilesConfig']\nfrom pathlib import Path\nSTATIC_ROOT = Path('/srv/static')\nSTATICFILES_DIRS = [('vendor', '/srv/static')]\n`,
      findings: ["4:21"],
    },
  ],
});
