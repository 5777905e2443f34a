// The `django-deploy` executable (dist/cli.js): loads the command line's bundle (dist/cli-main.js)
// through a compile cache (common/src/launchBundle.ts), so that a check does not begin by compiling a
// bundle of most of a megabyte.
import { join } from "node:path";
import { launchBundle } from "../../common/src/launchBundle";

launchBundle(join(__dirname, "cli-main.js"));
