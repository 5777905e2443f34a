// The `django-deploy` executable (dist/cli.js): loads the command line's bundle (dist/cli-main.js)
// through a compile cache (common/src/launchBundle.ts), so that a check does not begin by compiling a
// bundle of most of a megabyte.
import { join } from "node:path";
import { launchBundle } from "../../common/src/launchBundle";

/**
 * How much bytecode a function runs between V8's checks of whether to optimise it: 32 times V8 11's
 * default of 66 KB. With the default, a check of a fresh startproject had Turbofan compile about 90
 * functions, most of them for a parse that was over before their code was ready, and that compilation
 * was a fifth of the check's CPU time and 9 MB of its memory. Functions that stay hot are still
 * optimised: a check of a 10,000-line module or of a workspace of 20 projects took less time with it.
 */
const INTERRUPT_BUDGET = 32 * 66 * 1024;

launchBundle(join(__dirname, "cli-main.js"), { v8FlagsOnNode20: `--interrupt-budget=${INTERRUPT_BUDGET}` });
