import { checkTable } from "../../helpers/checkTable";

const SETTINGS = "DEBUG = False\n";
const wsgi = (site: string) =>
  `import os\nfrom django.core.wsgi import get_wsgi_application\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "${site}.settings")\napplication = get_wsgi_application()\n`;
const SITES = { "shop/shop/wsgi.py": wsgi("shop"), "blog/blog/wsgi.py": wsgi("blog") };
const EMBEDDED =
  "<VirtualHost *:80>\n    ServerName shop.example.com\n    WSGIScriptAlias / /srv/shop/shop/wsgi.py\n</VirtualHost>\n<VirtualHost *:80>\n    ServerName blog.example.com\n    WSGIScriptAlias / /srv/blog/blog/wsgi.py\n</VirtualHost>\n";

checkTable("deploy.W064", {
  valid: [
    {
      name: "one site",
      settings: SETTINGS,
      files: {
        "shop/shop/wsgi.py": wsgi("shop"),
        "apache/site.conf": "WSGIScriptAlias / /srv/shop/shop/wsgi.py\n",
      },
    },
    {
      name: "each site in its own daemon process group",
      settings: SETTINGS,
      files: {
        ...SITES,
        "apache/sites.conf":
          "WSGIDaemonProcess shop\nWSGIDaemonProcess blog\n<VirtualHost *:80>\n    WSGIProcessGroup shop\n    WSGIScriptAlias / /srv/shop/shop/wsgi.py\n</VirtualHost>\n<VirtualHost *:80>\n    WSGIScriptAlias / /srv/blog/blog/wsgi.py process-group=blog\n</VirtualHost>\n",
      },
    },
    {
      name: "sites that assign the variable",
      settings: SETTINGS,
      files: {
        "shop/shop/wsgi.py": wsgi("shop").replace(
          'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")',
          'os.environ["DJANGO_SETTINGS_MODULE"] = "shop.settings"',
        ),
        "blog/blog/wsgi.py": wsgi("blog").replace(
          'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "blog.settings")',
          'os.environ["DJANGO_SETTINGS_MODULE"] = "blog.settings"',
        ),
        "apache/sites.conf": EMBEDDED,
      },
    },
    {
      name: "a process group written with a variable is not known",
      settings: SETTINGS,
      files: {
        ...SITES,
        "apache/sites.conf":
          "WSGIProcessGroup %{ENV:SITE}\nWSGIScriptAlias /shop /srv/shop/shop/wsgi.py\nWSGIScriptAlias /blog /srv/blog/blog/wsgi.py\n",
      },
    },
    { name: "no mod_wsgi configuration", settings: SETTINGS, files: SITES },
    {
      name: "silenced",
      settings: `${SETTINGS}SILENCED_SYSTEM_CHECKS = ["deploy.W064"]\n`,
      files: { ...SITES, "apache/sites.conf": EMBEDDED },
    },
  ],
  invalid: [
    {
      name: "two sites embedded in Apache's processes",
      settings: SETTINGS,
      files: { ...SITES, "apache/sites.conf": EMBEDDED },
      findings: ["3:1", "3:1"],
      findingFile: "shop/shop/wsgi.py",
      message:
        /^mod_wsgi runs this site in one process with another; setdefault keeps the first's settings\.$/m,
      fixes: [
        {
          title: /Assign DJANGO_SETTINGS_MODULE instead of setdefault\(\)/,
          applicability: "unsafe",
          output: SETTINGS,
          otherFiles: {
            "shop/shop/wsgi.py": wsgi("shop").replace(
              'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")',
              'os.environ["DJANGO_SETTINGS_MODULE"] = "shop.settings"',
            ),
          },
        },
      ],
    },
    {
      name: "two sites in one daemon process group",
      settings: SETTINGS,
      files: {
        ...SITES,
        "apache/sites.conf":
          "WSGIDaemonProcess sites processes=2\nWSGIProcessGroup sites\nWSGIScriptAlias /shop /srv/shop/shop/wsgi.py\nWSGIScriptAlias /blog /srv/blog/blog/wsgi.py\n",
      },
      findings: ["3:1", "3:1"],
      findingFile: "shop/shop/wsgi.py",
      message: /daemon process group sites/,
      fixes: [
        {
          title: /Assign/,
          applicability: "unsafe",
          output: SETTINGS,
          otherFiles: {
            "shop/shop/wsgi.py": wsgi("shop").replace(
              'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")',
              'os.environ["DJANGO_SETTINGS_MODULE"] = "shop.settings"',
            ),
          },
        },
      ],
    },
  ],
});
