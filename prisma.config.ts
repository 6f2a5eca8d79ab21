import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

// The JS schema engine talks to PostgreSQL through the pg driver adapter, so the CLI never
// downloads a native engine (fails offline). adapter-pg 7.x is required here: 6.19's adapter
// cannot read the `name` column type during migrations (prisma/orm#27403).
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  experimental: { adapter: true },
  engine: "js",
  adapter: async () => {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set (use `npm run db:migrate`, which starts embedded PGlite)");
    return new PrismaPg({ connectionString: url });
  },
});
