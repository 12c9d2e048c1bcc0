// Prisma CLI configuration. Prisma 6.19 runs fully offline with its WebAssembly schema engine
// (engine "js") and a driver adapter: better-sqlite3 for the embedded default, pg for PostgreSQL.
// DATABASE_URL decides: postgres(ql):// → prisma/postgres/*, anything else (file:...) → SQLite.
import path from "node:path";
import { defineConfig } from "prisma/config";

const url = process.env.DATABASE_URL ?? "file:./.data/certlab.db";
const isPostgres = /^postgres(ql)?:\/\//.test(url);

export function sqliteFileFromUrl(u: string): string {
  const file = u.replace(/^file:/, "");
  return path.isAbsolute(file) ? file : path.resolve(process.cwd(), file);
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: isPostgres ? "prisma/postgres/schema.prisma" : "prisma/schema.prisma",
  migrations: { path: isPostgres ? "prisma/postgres/migrations" : "prisma/migrations" },
  async adapter() {
    if (isPostgres) {
      const { PrismaPg } = await import("@prisma/adapter-pg");
      const { createNameAsTextPool } = await import("./prisma/pg-name-as-text.ts");
      return new PrismaPg(createNameAsTextPool(url));
    }
    const { PrismaBetterSQLite3 } = await import("@prisma/adapter-better-sqlite3");
    return new PrismaBetterSQLite3({ url: sqliteFileFromUrl(url) });
  },
});
