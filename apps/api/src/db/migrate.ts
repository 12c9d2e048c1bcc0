// Applies the committed migrations (prisma/migrations or prisma/postgres/migrations) by running the
// Prisma CLI the offline way (scripts/prisma.mjs). Used by npm start and the test setup.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { repoRoot } from "../paths.ts";

export function migrate(databaseUrl: string): void {
  const res = spawnSync(process.execPath, [path.join(repoRoot, "scripts/prisma.mjs"), "deploy"], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: "utf8",
  });
  if (res.status !== 0) throw new Error(`Database migration failed:\n${res.stdout}${res.stderr}`);
}
