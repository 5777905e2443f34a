// The masking rule of server/src/checks/secrets.ts (docs/architecture.md, "Secrets"): what is shown
// of a value, and what is hidden; and the places that must not go around it.
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, it } from "node:test";
import {
  describeValue,
  environmentSetText,
  HIDDEN,
  isHarmlessEnvironmentText,
  isSecretName,
  maskFreeText,
  maskUrlCredentials,
  shownEnvironmentText,
} from "../../../server/src/checks/secrets";
import {
  bool,
  dict,
  int,
  list,
  none,
  str,
  unknown,
  type FromEnvValue,
  type Value,
} from "../../../server/src/evaluate/values";
import { parseDotenv } from "../../../server/src/project/dotenv";

const SECRET = "s3cr3t-VALUE-do-not-print-7f3a";

/** A value read from the environment variable `variable`, set to `text` by a .env file. */
function fromDotenv(variable: string, text: string, converted: Value = str(text)): FromEnvValue {
  return {
    kind: "env",
    variable,
    reader: "os",
    default: converted,
    setBy: { file: "/project/.env.production", line: 0, text },
    explicitDefault: true,
    conversion: { kind: "str" },
  };
}

describe("secret-like names", () => {
  it("are the names of keys, passwords, tokens and credentials", () => {
    for (const name of [
      "SECRET_KEY",
      "SECRET_KEY_FALLBACKS",
      "EMAIL_HOST_PASSWORD",
      "PASSWORD",
      "password",
      "DB_PASSWD",
      "DB_PASS",
      "DB_PWD",
      "AWS_SECRET_ACCESS_KEY",
      "GITHUB_TOKEN",
      "SENDGRID_API_KEY",
      "APIKEY",
      "JWT_PRIVATE_KEY",
      "GOOGLE_APPLICATION_CREDENTIALS",
      "SIGNING_KEY",
      "DJANGO_SECRET_KEY",
    ])
      assert.equal(isSecretName(name), true, name);
  });

  it("are not Django's settings about passwords, nor names that merely contain the letters", () => {
    for (const name of [
      "PASSWORD_HASHERS",
      "AUTH_PASSWORD_VALIDATORS",
      "PASSWORD_RESET_TIMEOUT",
      "DEBUG",
      "ALLOWED_HOSTS",
      "KEY_PREFIX",
      "BYPASS_CACHE",
      "PASSTHROUGH",
      "DATABASE_URL",
      "AWS_ACCESS_KEY_ID",
    ])
      assert.equal(isSecretName(name), false, name);
  });
});

describe("URL credentials", () => {
  it("mask the password of every URL, keeping the user, host and path", () => {
    assert.equal(maskUrlCredentials(`postgres://user:${SECRET}@host/db`), "postgres://user:****@host/db");
    assert.equal(maskUrlCredentials(`redis://:${SECRET}@redis:6379/0`), "redis://:****@redis:6379/0");
    assert.equal(maskUrlCredentials("mysql://user:p@ss@db:3306/app"), "mysql://user:****@db:3306/app");
    assert.equal(
      maskUrlCredentials(`from amqp://guest:${SECRET}@rabbit// and https://a:b@c.example/x`),
      "from amqp://guest:****@rabbit// and https://a:****@c.example/x",
    );
  });

  it("leave URLs without a password as they are", () => {
    for (const text of ["https://example.com/x", "postgres://user@host/db", "sqlite:///db.sqlite3", "a:b@c"])
      assert.equal(maskUrlCredentials(text), text);
  });
});

describe("values read from the environment", () => {
  it("are shown when harmless: booleans, numbers, host lists, paths, dotted names, words", () => {
    for (const text of [
      "",
      "False",
      "1",
      "off",
      "31536000",
      "example.com,www.example.com",
      ".example.com *",
      "127.0.0.1 [::1] localhost",
      "https://example.com",
      "/var/www/static",
      "django.core.mail.backends.smtp.EmailBackend",
      "mysite.settings.production",
      "whitenoise.storage.CompressedManifestStaticFilesStorage",
      "INFO",
      "same-origin",
      "Europe/Berlin",
      "admin@example.com",
      "postgres://app:****@db.internal:5432/app",
    ])
      assert.equal(isHarmlessEnvironmentText(text), true, text);
  });

  it("are hidden when they look generated: keys, tokens, passwords with symbols", () => {
    for (const text of [
      SECRET,
      "django-insecure-abc123def456ghi789",
      "Zq8xK2mN4pL7vR1tY5wB3cD9",
      "AKIAIOSFODNN7EXAMPLE",
      "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
      "p@ss!word#1",
      "c2VjcmV0LXZhbHVl==",
      "Passw0rd",
      "https://hooks.slack.com/services/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",
      "https://api.example.com/?token=abc",
      "https://3f8e9a0b1c2d4e5f6a7b8c9d0e1f2a3b@o123.ingest.sentry.io/456",
    ])
      assert.equal(isHarmlessEnvironmentText(text), false, text);
  });

  it("under a secret-like name are hidden whatever they look like, unless empty", () => {
    assert.equal(shownEnvironmentText("DB_PASSWORD", "app"), undefined);
    assert.equal(shownEnvironmentText("DJANGO_SECRET_KEY", "False"), undefined);
    assert.equal(shownEnvironmentText("SK", "short", "SECRET_KEY"), undefined);
    assert.equal(shownEnvironmentText("DB_PASSWORD", ""), "");
    assert.equal(shownEnvironmentText("DJANGO_DEBUG", "False", "DEBUG"), "False");
    assert.equal(
      shownEnvironmentText("DATABASE_URL", `postgres://app:${SECRET}@db/app`),
      "postgres://app:****@db/app",
    );
  });

  it("say where they came from", () => {
    const setBy = { file: ".env.production", text: SECRET };
    assert.equal(environmentSetText(setBy, "DJANGO_SECRET_KEY"), "set in .env.production (value hidden)");
    assert.equal(
      environmentSetText({ file: ".env.production", text: "False" }, "DJANGO_DEBUG"),
      "set to 'False' in .env.production",
    );
  });
});

describe("describeValue", () => {
  it("renders what is not secret as describe() does", () => {
    assert.equal(
      describeValue(list([str("example.com"), int(3), bool(true), none()]), "ALLOWED_HOSTS"),
      "['example.com', 3, True, None]",
    );
    assert.equal(describeValue(str("django-insecure-x")), "'django-insecure-x'");
  });

  it("hides every value under a secret-like setting name, but not None, booleans or ''", () => {
    assert.equal(describeValue(str(SECRET), "SECRET_KEY"), HIDDEN);
    assert.equal(describeValue(list([str(SECRET), str("")]), "SECRET_KEY_FALLBACKS"), `[${HIDDEN}, '']`);
    assert.equal(describeValue(int(1234), "EMAIL_HOST_PASSWORD"), HIDDEN);
    assert.equal(describeValue(none(), "EMAIL_HOST_PASSWORD"), "None");
  });

  it("hides the values of secret-like dict keys at any depth, and URL passwords everywhere", () => {
    const databases = dict([
      {
        key: str("default"),
        value: dict([
          { key: str("NAME"), value: str("app") },
          { key: str("PASSWORD"), value: str(SECRET) },
          { key: str("OPTIONS"), value: dict([{ key: str("password"), value: str(SECRET) }]) },
          { key: str("URL"), value: str(`postgres://app:${SECRET}@db/app`) },
        ]),
      },
    ]);
    assert.equal(
      describeValue(databases, "DATABASES"),
      `{'default': {'NAME': 'app', 'PASSWORD': ${HIDDEN}, 'OPTIONS': {'password': ${HIDDEN}}, 'URL': 'postgres://app:****@db/app'}}`,
    );
  });

  it("hides what a .env file sets unless it is harmless, and a secret variable's code default", () => {
    assert.equal(
      describeValue(fromDotenv("UPSTREAM_ID", SECRET), "UPSTREAM"),
      `environment variable UPSTREAM_ID, default ${HIDDEN}`,
    );
    assert.equal(
      describeValue(fromDotenv("DJANGO_DEBUG", "False", bool(false)), "DEBUG"),
      "environment variable DJANGO_DEBUG, default False",
    );
    assert.equal(
      describeValue(fromDotenv("HOSTS", "a.example,b.example", list([str("a.example"), str("b.example")]))),
      "environment variable HOSTS, default ['a.example', 'b.example']",
    );
    const codeDefault: FromEnvValue = {
      ...fromDotenv("OLD_SECRET_KEY", "x"),
      setBy: undefined,
      default: str("dev"),
    };
    assert.equal(describeValue(codeDefault), `environment variable OLD_SECRET_KEY, default ${HIDDEN}`);
  });

  it("hides a .env value that a failed conversion quotes", () => {
    const failed: FromEnvValue = {
      ...fromDotenv("PORT", SECRET),
      default: unknown(`'${SECRET}' is not an integer`),
    };
    assert.equal(
      describeValue(failed),
      `environment variable PORT, default unknown ('${HIDDEN}' is not an integer)`,
    );
  });
});

describe("free text", () => {
  it("loses URL passwords and the .env values that may not be shown", () => {
    const environment: [string, string][] = [
      ["HSTS_SECONDS", SECRET],
      ["DJANGO_DEBUG", "False"],
      ["PIN", "abc"],
    ];
    assert.equal(
      maskFreeText(
        `ValueError: invalid literal for int() with base 10: '${SECRET}' (DEBUG False) redis://:x@r/0`,
        environment,
      ),
      `ValueError: invalid literal for int() with base 10: '${HIDDEN}' (DEBUG False) redis://:****@r/0`,
    );
  });
});

describe("a malformed .env line", () => {
  it("is reported by its line, never quoted", () => {
    const parsed = parseDotenv(`A=1\nbroken ${SECRET}\n${SECRET}\n"unterminated=${SECRET}\nB="${SECRET}\n`);
    assert.deepEqual(parsed.errors, [
      { line: 1, message: 'the line has no "="' },
      { line: 3, message: "the line is not KEY=value" },
      { line: 4, message: 'the value of B has no closing "' },
    ]);
  });
});

describe("the renderers", () => {
  it("render values through describeValue, not evaluate/values.ts's describe", () => {
    const root = join(import.meta.dirname, "..", "..", "..");
    const offenders: string[] = [];
    const visit = (folder: string) => {
      for (const name of readdirSync(folder)) {
        const path = join(folder, name);
        if (statSync(path).isDirectory()) visit(path);
        else if (name.endsWith(".ts")) {
          const text = readFileSync(path, "utf8");
          const imports = text.match(/import\s*\{[^}]*\}\s*from\s*"[^"]*\/values"/g) ?? [];
          if (imports.some((statement) => /\bdescribe\b/.test(statement)))
            offenders.push(relative(root, path));
        }
      }
    };
    for (const folder of ["server/src", "cli/src", "client/src", "common/src", "scaffold/src"])
      visit(join(root, folder));
    assert.deepEqual(
      offenders.filter((file) => file !== join("server", "src", "checks", "secrets.ts")),
      [],
    );
  });
});
