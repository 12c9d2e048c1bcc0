// Migrates one template database per run; every test file then gets its own copy (see test/harness.ts).
// SQLite by default; CERTLAB_TEST_DATABASE_URL=postgresql://... runs the same suite on PostgreSQL.
// Each run has its own template (a folder under .tmp/api-tests, or its own PostgreSQL template database), so two
// runs at the same time (a developer and CI, or the API suite and the e2e setup) never delete each other's files.
import { mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { migrate } from "../src/db/migrate.ts";
import { repoRoot } from "../src/paths.ts";

export type TestTemplate = { kind: "sqlite"; dir: string; file: string } | { kind: "postgres"; adminUrl: string; name: string };

declare module "vitest" {
  export interface ProvidedContext {
    certlabTemplate: TestTemplate;
  }
}

const ROOT = path.join(repoRoot, ".tmp/api-tests");
const STALE_MS = 6 * 3600_000;

/** Folders left by runs that were killed before their teardown. */
function removeStaleRuns(): void {
  let entries: string[] = [];
  try {
    entries = readdirSync(ROOT);
  } catch {
    return;
  }
  for (const name of entries) {
    const full = path.join(ROOT, name);
    try {
      if (Date.now() - statSync(full).mtimeMs > STALE_MS) rmSync(full, { recursive: true, force: true });
    } catch {
      // another run removed it first
    }
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const runId = randomUUID().replace(/-/g, "").slice(0, 12);
  const pgUrl = process.env.CERTLAB_TEST_DATABASE_URL;
  if (pgUrl) {
    const name = `certlab_test_template_${runId}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(pgUrl);
    u.pathname = `/${name}`;
    migrate(u.toString());
    project.provide("certlabTemplate", { kind: "postgres", adminUrl: pgUrl, name });
    return async () => {
      const a = new pg.Client({ connectionString: pgUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    };
  }
  removeStaleRuns();
  const dir = path.join(ROOT, `run-${runId}`);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "template.db");
  migrate(`file:${file}`);
  project.provide("certlabTemplate", { kind: "sqlite", dir, file });
  return async () => {
    rmSync(dir, { recursive: true, force: true });
  };
}
