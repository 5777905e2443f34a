// The servers the scaffolds know, what each needs, and the Django versions they are written for.
export const WSGI_SERVERS = ["gunicorn", "uwsgi", "mod_wsgi", "mod_wsgi-auth"] as const;
export const ASGI_SERVERS = ["daphne", "hypercorn", "uvicorn", "gunicorn-uvicorn"] as const;
export const SERVERS = [...WSGI_SERVERS, ...ASGI_SERVERS] as const;

export type EntryKind = "wsgi" | "asgi";
export type ServerName = (typeof SERVERS)[number];
export type ScaffoldPart = "entry" | "server";

export interface ServerInfo {
  kind: EntryKind;
  /** How people write the server's name in prose. */
  title: string;
  /** The page under https://docs.djangoproject.com/en/X.Y/howto/deployment/ that documents it. */
  docsPage: string;
  defaultPort: number;
  /** Worker processes started by default; undefined when the server has no such option. */
  defaultWorkers: number | undefined;
  apache: boolean;
}

export const SERVER_INFO: Readonly<Record<ServerName, ServerInfo>> = {
  gunicorn: {
    kind: "wsgi",
    title: "Gunicorn",
    docsPage: "wsgi/gunicorn/",
    defaultPort: 8000,
    defaultWorkers: 3,
    apache: false,
  },
  uwsgi: {
    kind: "wsgi",
    title: "uWSGI",
    docsPage: "wsgi/uwsgi/",
    defaultPort: 8000,
    defaultWorkers: 4,
    apache: false,
  },
  mod_wsgi: {
    kind: "wsgi",
    title: "Apache with mod_wsgi",
    docsPage: "wsgi/modwsgi/",
    defaultPort: 80,
    defaultWorkers: 2,
    apache: true,
  },
  "mod_wsgi-auth": {
    kind: "wsgi",
    title: "Apache with mod_wsgi",
    docsPage: "wsgi/apache-auth/",
    defaultPort: 80,
    defaultWorkers: 2,
    apache: true,
  },
  daphne: {
    kind: "asgi",
    title: "Daphne",
    docsPage: "asgi/daphne/",
    defaultPort: 8000,
    defaultWorkers: undefined,
    apache: false,
  },
  hypercorn: {
    kind: "asgi",
    title: "Hypercorn",
    docsPage: "asgi/hypercorn/",
    defaultPort: 8000,
    defaultWorkers: 2,
    apache: false,
  },
  uvicorn: {
    kind: "asgi",
    title: "Uvicorn",
    docsPage: "asgi/uvicorn/",
    defaultPort: 8000,
    defaultWorkers: 2,
    apache: false,
  },
  "gunicorn-uvicorn": {
    kind: "asgi",
    title: "Gunicorn with Uvicorn workers",
    docsPage: "asgi/uvicorn/",
    defaultPort: 8000,
    defaultWorkers: 3,
    apache: false,
  },
};

/** The Django release assumed when the project does not say (the newest LTS). */
export const DEFAULT_DJANGO_VERSION = "5.2";
/** The oldest release whose project template and deployment pages the templates follow. */
export const OLDEST_DJANGO_VERSION: DjangoVersion = { major: 3, minor: 2, text: "3.2" };

export interface DjangoVersion {
  major: number;
  minor: number;
  text: string;
}

export function parseDjangoVersion(text: string): DjangoVersion | undefined {
  const match = /^(\d+)\.(\d+)$/.exec(text);
  if (!match) return undefined;
  return { major: Number(match[1]), minor: Number(match[2]), text };
}

export function isAtLeast(version: DjangoVersion, major: number, minor: number): boolean {
  return version.major > major || (version.major === major && version.minor >= minor);
}
