// Which files are deployment files, what kind of file each is, and what its name says about the
// deployment it belongs to: `.env.local`, `Dockerfile.dev`, `docker-compose.override.yml` and
// `local.yml` are development's, `.env.test` the tests', `.env.example` an example. The discovery
// and the environment of the production process (environmentFiles.ts) both decide by these names.

/** Parts of a file name that say the file is not production's. */
const DEVELOPMENT_FILE = /(^|[._-])(dev|devel|develop|development|local|debug|override|docs)([._-]|$)/i;
const TEST_FILE = /(^|[._-])(test|tests|testing|ci)([._-]|$)/i;
const EXAMPLE_FILE = /(^|[._-])(example|examples|sample|template|dist|defaults?)([._-]|$)/i;

export type DeploymentFileKind = "dotenv" | "dockerfile" | "compose" | "procfile" | "systemd";

export function deploymentFileKind(name: string): DeploymentFileKind | undefined {
  if (name === ".env" || name.startsWith(".env.") || name.endsWith(".env")) return "dotenv";
  if (/^(Dockerfile|Containerfile)([._-].*)?$/.test(name) || /\.(Dockerfile|Containerfile)$/.test(name))
    return "dockerfile";
  if (/^(docker-)?compose([.-][\w.-]+)?\.ya?ml$/.test(name)) return "compose";
  // cookiecutter-django's compose files are named for their environment only.
  if (/^(local|production|prod|staging|dev|development|docs)\.ya?ml$/.test(name)) return "compose";
  if (name === "Procfile" || name.startsWith("Procfile.")) return "procfile";
  if (name.endsWith(".service")) return "systemd";
  return undefined;
}

/** What a file's name says about the deployment it belongs to. */
export function fileRole(name: string): "production" | "development" | "test" | "example" {
  const stem = name
    .replace(/^\.env\.?/, "")
    .replace(/\.(env|ya?ml|service)$/, "")
    .replace(/^(docker-)?compose\.?/, "")
    .replace(/^(Dockerfile|Containerfile|Procfile)\.?/, "");
  if (EXAMPLE_FILE.test(stem)) return "example";
  if (TEST_FILE.test(stem)) return "test";
  if (DEVELOPMENT_FILE.test(stem) || stem === "local" || stem === "dev") return "development";
  return "production";
}
