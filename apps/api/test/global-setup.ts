// Migrates one template database per run; every test file then gets its own copy (see test/harness.ts).
// SQLite by default; CERTLAB_TEST_DATABASE_URL=postgresql://... runs the same suite on PostgreSQL.
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { migrate } from "../src/db/migrate.ts";
import { repoRoot } from "../src/paths.ts";

export const TEMPLATE_SQLITE = path.join(repoRoot, ".tmp/api-tests/template.db");

export default async function setup(): Promise<void> {
  const pgUrl = process.env.CERTLAB_TEST_DATABASE_URL;
  if (pgUrl) {
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query("DROP DATABASE IF EXISTS certlab_test_template WITH (FORCE)");
    await admin.query("CREATE DATABASE certlab_test_template");
    await admin.end();
    const u = new URL(pgUrl);
    u.pathname = "/certlab_test_template";
    migrate(u.toString());
    return;
  }
  rmSync(path.dirname(TEMPLATE_SQLITE), { recursive: true, force: true });
  mkdirSync(path.dirname(TEMPLATE_SQLITE), { recursive: true });
  migrate(`file:${TEMPLATE_SQLITE}`);
}
