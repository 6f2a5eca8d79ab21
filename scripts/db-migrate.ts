// npm run db:migrate — applies prisma/migrations to DATABASE_URL, or to the embedded PGlite database.
import { prepareRuntimeEnv } from "./lib/runtime-env";
import { withDatabase } from "./lib/with-database";

prepareRuntimeEnv(Number(process.env.PORT ?? 3000));
const database = await withDatabase();
await database.stop();
