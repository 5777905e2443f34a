// The engine speaks to the editor and the terminal alike, so a few of its sentences name the editor's
// setting or "the workspace". On the command line those words mean nothing: the options that do the
// same, and "the folders checked", are named instead.

const REPLACEMENTS: readonly [RegExp, string][] = [
  [/\(set djangoDeploy\.djangoVersion or --django-version to choose\)/g, "(choose with --django-version)"],
  [/djangoDeploy\.djangoVersion/g, "--django-version"],
  [/the djangoDeploy\.profiles setting/g, "--settings"],
  [/djangoDeploy\.profiles/g, "--settings"],
  [/djangoDeploy\.pythonPath/g, "--python"],
  [/djangoDeploy\.handledByInfrastructure/g, "--handled-by-infrastructure"],
  [/\boutside the workspace\b/g, "outside the folders checked"],
  [/\bnot in the workspace\b/g, "not in the folders checked"],
  [/\bthe workspace's\b/g, "the checked folders'"],
  [/\bthe workspace\b/g, "the folders checked"],
  [/\bworkspace folder\b/g, "folder checked"],
];

export function forTerminal(text: string): string {
  let result = text;
  for (const [pattern, replacement] of REPLACEMENTS) result = result.replace(pattern, replacement);
  return result;
}
