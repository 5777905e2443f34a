// STATIC_ROOT and MEDIA_ROOT as they will be on the server, for the wizard's defaults and for the
// nginx and Apache sites: the production settings' own values (as the checks evaluate them), with
// the checkout's folder replaced by the project's folder on the server.
import {
  type RawAnswers,
  defaultDeployPath,
  detectProjectDefaults,
  readTextFile,
} from "../../../scaffold/src/index";
import type { ProductionFacts } from "../../../common/src/protocol";
import { serverSidePath } from "../../../scaffold/src/serverPaths";

/**
 * STATIC_ROOT and MEDIA_ROOT on the server: as the checks evaluate the production settings, else as
 * the settings text says, with the checkout's folder standing for `deployPath`.
 */
export function serverRoots(
  facts: ProductionFacts,
  projectPath: string,
  deployPath: string,
): { staticRoot: string; mediaRoot: string } {
  const defaults = detectProjectDefaults(readTextFile, projectPath, deployPath);
  const onServer = (local: string | undefined) =>
    local === undefined ? undefined : serverSidePath(local, projectPath, deployPath);
  return {
    staticRoot: onServer(facts.staticRoot) ?? defaults.staticRoot ?? `${deployPath}/staticfiles`,
    mediaRoot: onServer(facts.mediaRoot) ?? defaults.mediaRoot ?? `${deployPath}/media`,
  };
}

/**
 * The answers with STATIC_ROOT and MEDIA_ROOT filled in from the production settings when the user
 * gave none (nginx serves them too, and the wizard asks only for Apache).
 */
export function withServerRoots(
  answers: RawAnswers,
  facts: ProductionFacts,
  projectPath: string,
): RawAnswers {
  if (answers.settingsModule !== undefined && answers.settingsModule !== facts.settingsModule) return answers;
  const deployPath =
    typeof answers.deployPath === "string" ? answers.deployPath : defaultDeployPath(answers.projectPackage);
  const onServer = (local: string | undefined) =>
    local === undefined ? undefined : serverSidePath(local, projectPath, deployPath.replace(/(.)\/+$/, "$1"));
  const staticRoot = answers.staticRoot ?? onServer(facts.staticRoot);
  const mediaRoot = answers.mediaRoot ?? onServer(facts.mediaRoot);
  return {
    ...answers,
    ...(staticRoot ? { staticRoot } : {}),
    ...(mediaRoot ? { mediaRoot } : {}),
  };
}
