import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "test/fixtures/", ".cache/", ".vscode-test/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: "readonly", console: "readonly", __dirname: "readonly" } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": "off",
    },
  },
  {
    // CommonJS scripts run by Node as they stand (the pre-commit hook's entry).
    files: ["**/*.cjs"],
    languageOptions: { sourceType: "commonjs", globals: { require: "readonly" } },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // Pure logic must stay free of the editor and the protocol (ARCHITECTURE.md).
    files: [
      "server/src/python/**",
      "server/src/evaluate/**",
      "server/src/resolve/**",
      "server/src/project/**",
      "server/src/django/**",
      "server/src/engine/**",
      "server/src/checks/**",
      "scaffold/src/**",
    ],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["vscode", "vscode-languageserver*", "vscode-languageclient*", "vscode-jsonrpc*"],
              message: "Pure logic imports nothing from VS Code or the LSP libraries.",
            },
          ],
        },
      ],
    },
  },
  {
    // The evaluator reads the typed syntax view (python/ast.ts), never the parser's tree, so the parser
    // can change without it. Repeats the rule above: a later entry replaces a rule's options.
    files: ["server/src/evaluate/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["vscode", "vscode-languageserver*", "vscode-languageclient*", "vscode-jsonrpc*"],
              message: "Pure logic imports nothing from VS Code or the LSP libraries.",
            },
            {
              group: ["@lezer/*"],
              message: "The evaluator works on the syntax view of python/ast.ts, not on the parser's tree.",
            },
          ],
        },
      ],
    },
  },
);
