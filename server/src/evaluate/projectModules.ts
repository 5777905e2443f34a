// Which absolute module names are the project's own: a missing one raises ImportError in production
// too (local settings, secrets), while a missing library is one this machine has not installed.

/** Module names that say they are the project's own settings, not a library's (`settings_local`, `config.secrets`). */
export function looksLikeProjectModule(module: string): boolean {
  return (
    /(^|[._])(local|secret|secrets|settings|private|custom|override|overrides|dev|prod|production|env)([._]|$)/i.test(
      module,
    ) || /(local|secret)/i.test(module)
  );
}
