// A check that always throws, for the tests that prove one failing check cannot hide the others'
// findings (the engine's isolation). Only added when a test asks for it; never in the registry.
import type { CheckRecord } from "../checks/types";

export const FAULT_INJECTION_CHECK_ID = "test.E999";

export const faultInjectionCheck: CheckRecord = {
  id: FAULT_INJECTION_CHECK_ID,
  severity: "error",
  title: "Always throws (fault injection for tests)",
  fixability: "none",
  run() {
    throw new Error("this check fails on purpose");
  },
};
