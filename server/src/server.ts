// The language server's executable (dist/server.js, started by the extension and the tests): loads
// the server's bundle (dist/server-main.js, from serverMain.ts) through a compile cache
// (common/src/launchBundle.ts), so that a start does not begin by compiling the whole bundle. The
// cache is saved a few seconds after the start, once the first analysis has compiled what it needs:
// an editor may kill the server rather than let it exit.
import { join } from "node:path";
import { launchBundle } from "../../common/src/launchBundle";

launchBundle(join(__dirname, "server-main.js"), { saveAfterMs: 5_000 });
