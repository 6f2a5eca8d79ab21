// npm run db:migrate — applies prisma/migrations to DATABASE_URL, or to the embedded PGlite database.
import { prepareRuntimeEnv } from "./lib/runtime-env";
import { withDatabase } from "./lib/with-database";

prepareRuntimeEnv();
const database = await withDatabase();
await database.stop();
