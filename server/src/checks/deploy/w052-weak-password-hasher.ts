// deploy.W052: the first entry of PASSWORD_HASHERS, the one Django hashes new passwords with, is a
// weak hasher (MD5, unsalted MD5 or SHA1, SHA1, crypt).
// https://docs.djangoproject.com/en/stable/topics/auth/passwords/#how-django-stores-passwords
import { type CheckContext } from "../context";
import { appendStatement } from "../fixes/dictEntry";
import { singleValue } from "../predicates";
import type { CheckRecord, CheckResult, Fix, TextEdit } from "../types";
import { isSequence, type SequenceValue } from "../../evaluate/values";

const HASHERS = "django.contrib.auth.hashers.";
const WEAK = new Set(
  [
    "MD5PasswordHasher",
    "UnsaltedMD5PasswordHasher",
    "UnsaltedSHA1PasswordHasher",
    "SHA1PasswordHasher",
    "CryptPasswordHasher",
  ].map((name) => `${HASHERS}${name}`),
);
/** Strong hashers a project may list, in the order the fix prefers them when listed. */
const STRONG = ["Argon2PasswordHasher", "ScryptPasswordHasher", "PBKDF2PasswordHasher"].map(
  (name) => `${HASHERS}${name}`,
);
const PBKDF2 = `${HASHERS}PBKDF2PasswordHasher`;

export const deployW052: CheckRecord = {
  id: "deploy.W052",
  severity: "warning",
  title: "New passwords are hashed with a weak hasher",
  fixability: "safe",
  run(context: CheckContext): CheckResult[] {
    const setting = context.settings.get("PASSWORD_HASHERS");
    const hashers = singleValue(setting.value);
    if (!hashers || !isSequence(hashers) || hashers.items.length === 0) return [];
    const first = hashers.items[0]!;
    const name = singleValue(first);
    if (name?.kind !== "str" || !WEAK.has(name.value) || !first.span) return [];
    const fix = strongFirst(context, hashers, name.value);
    return [
      {
        message: `New passwords are hashed with ${name.value.slice(HASHERS.length)}, a weak hasher.`,
        explanation: `Django hashes new and changed passwords with the first entry of PASSWORD_HASHERS. ${name.value.slice(HASHERS.length)} is fast to compute, so a leaked database lets attackers try billions of guesses per second (fast hashers are only meant to speed up tests). Put a strong hasher first (PBKDF2, or Argon2 or scrypt); keep the weak one listed after it so existing passwords still verify: Django upgrades each one to the first hasher when its user next logs in.`,
        location: { file: first.span.file, range: first.span.range },
        fixes: fix ? [fix] : [],
      },
    ];
  },
};

function strongFirst(context: CheckContext, hashers: SequenceValue, weak: string): Fix | undefined {
  const listed = hashers.items.map((item) => singleValue(item));
  const strong =
    STRONG.find((candidate) => listed.some((item) => item?.kind === "str" && item.value === candidate)) ??
    PBKDF2;
  const short = strong.slice(HASHERS.length);
  const span = hashers.span;
  const first = hashers.items[0]!.span!;
  const text = span && context.source(span.file);
  // Argon2 needs argon2-cffi installed; PBKDF2 and scrypt come with Python.
  const applicability =
    context.dedicatedToProduction && strong !== `${HASHERS}Argon2PasswordHasher` ? "safe" : "unsafe";
  let edits: TextEdit[];
  if (span?.file === context.profile.file && first.file === span.file && text !== undefined) {
    const quote = text[first.from] === "'" ? "'" : '"';
    const index = listed.findIndex((item) => item?.kind === "str" && item.value === strong);
    const moved = index > 0 ? hashers.items[index]!.span : undefined;
    // A listed strong hasher moves to the front (its old place keeps the weak one); otherwise PBKDF2 is added.
    if (moved && moved.file === span.file) {
      edits = [
        { file: first.file, range: first.range, newText: text.slice(moved.from, moved.to) },
        { file: moved.file, range: moved.range, newText: text.slice(first.from, first.to) },
      ];
    } else if (index < 0) {
      const separator = text.slice(span.from, first.from).includes("\n")
        ? `,\n${text.slice(text.lastIndexOf("\n", first.from - 1) + 1, first.from)}`
        : ", ";
      edits = [
        {
          file: first.file,
          range: { start: first.range.start, end: first.range.start },
          newText: `${quote}${strong}${quote}${separator}`,
        },
      ];
    } else return undefined;
  } else if (hashers.kind === "list") {
    edits = [appendStatement(context, `PASSWORD_HASHERS = [${JSON.stringify(strong)}, *PASSWORD_HASHERS]`)];
  } else return undefined;
  return {
    title: `Hash new passwords with ${short} (${weak.slice(HASHERS.length)} still verifies old ones)`,
    applicability,
    edits,
  };
}
