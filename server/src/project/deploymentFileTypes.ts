// The shapes of what the deployment-file rule (deploymentFiles.ts) decides: each file's kind, the role
// production gives it or a thing in it, and the units it runs with their start commands. Apart from
// the rule so that what reads its results (the discovery's mentions, the production environment,
// the checks) depends on these shapes alone.
import type { SimpleCommand } from "./commandLine";
import type { ComposeService } from "./compose";
import type { DockerfileFacts } from "./dockerfile";
import type { PlatformApp } from "./platformManifest";
import type { ProcfileProcess } from "./procfile";
import type { SystemdUnitFacts } from "./systemdUnit";

export type DeploymentFileKind = "dotenv" | "dockerfile" | "compose" | "procfile" | "systemd" | "platform";

/** Why production does not run a file or a thing in it. */
export type NotProductionReason =
  /** Named (file, service, compose profile) or configured (DEBUG on) for development. */
  | "development"
  /** Runs `manage.py runserver` (or another development command) while nothing marks it production. */
  | "development-server"
  /** Named for the tests, or runs them. */
  | "test"
  /** An example or template (`.env.example`) that no deployment reads. */
  | "example"
  /** Runs once while building or releasing (a Procfile's `release` process), not the site. */
  | "build-time"
  /** A plain file beside one of its kind named for production: the development setup. */
  | "beside-production";

export type DeploymentRole =
  | {
      production: true;
      /**
       * What says explicitly that production runs it ("docker-compose.prod.yml is named for
       * production", "Heroku runs a Procfile's processes"); undefined when it is production's only
       * because nothing says otherwise (a plain docker-compose.yml).
       */
      markedBy?: string;
    }
  | {
      production: false;
      reason: NotProductionReason;
      /** Why, as a phrase: "docker-compose.override.yml is named for development". */
      says: string;
    };

/** A command that starts a long-running process: what production runs when the thing is production's. */
export interface StartCommand {
  /** 0-based line where the instruction, process, key or Exec line starts. */
  line: number;
  commands: SimpleCommand[];
  /** Where it is, as a phrase: "the web process", "CMD of the final image", "command: of service web". */
  where: string;
}

interface UnitBase {
  role: DeploymentRole;
  /** 0-based line where it is declared (the service's key, the process line, the first FROM). */
  line: number;
  /** The commands it starts with (never RUN, ExecStartPre= or a stage the final image is not made of). */
  starts: StartCommand[];
}

/** A thing a deployment file runs, with the facts its reader found. */
export type DeploymentUnit =
  | (UnitBase & { kind: "service"; name: string; service: ComposeService })
  | (UnitBase & { kind: "process"; name: string; process: ProcfileProcess })
  | (UnitBase & { kind: "image"; facts: DockerfileFacts })
  | (UnitBase & { kind: "unit"; facts: SystemdUnitFacts })
  | (UnitBase & { kind: "app"; name: string; platform: string; app: PlatformApp });

export interface DeploymentFile {
  /** Absolute path. */
  file: string;
  kind: DeploymentFileKind;
  text: string;
  /** What the file's name, and the names of its neighbours, say. Its units may still be development's. */
  role: DeploymentRole;
  /** Compose services, Procfile processes, the Dockerfile's final image, the systemd unit; none for .env. */
  units: DeploymentUnit[];
}
