// PGlite in a process of its own for the bulk bench, as `npm start` runs it (scripts/start.ts holds the
// embedded database; the portal's server is its child process). In the bench's own process, PGlite's
// WebAssembly work took turns with the bulk runner on one event loop (avg store 72 ms at c = 25).
// Prints the database URL on its first line; SIGTERM stops it.
import { startPglite } from "../test/databases";

const db = await startPglite();
console.log(db.url);
process.once("SIGTERM", () => void db.stop().finally(() => process.exit(0)));
