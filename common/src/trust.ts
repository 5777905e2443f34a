// Workspace trust, as the client and the server share it. VS Code ignores a workspace's own value of a
// restricted setting until the workspace is trusted (package.json's
// `capabilities.untrustedWorkspaces.restrictedConfigurations`, which must list exactly these), and the
// client tells the server whether the workspace is trusted, so that the server ignores them too
// whatever the client.
import type { Settings } from "./settings";

/**
 * The settings that name something outside the workspace's own files to run or read: `pythonPath`
 * (an interpreter, which the comparison with Django's check runs and whose libraries the server
 * reads) and `profiles` (each profile's `envFile` names a file to read, which could be any file on
 * disk).
 */
export const RESTRICTED_SETTINGS: readonly (keyof Settings)[] = ["pythonPath", "profiles"];

/** The language server's initializationOptions. */
export interface InitializationOptions {
  /** False in an untrusted workspace (VS Code's Restricted Mode); a client that says nothing is trusted. */
  workspaceTrusted?: boolean;
}
