#!/usr/bin/env node
// One entry point for everything Prisma, so every caller (postinstall, npm start, tests, CI) runs the
// CLI the same offline way (see ../shared/design/toolchain.md "Prisma"):
//   node scripts/prisma.mjs generate          derive prisma/postgres/schema.prisma, generate both clients
//   node scripts/prisma.mjs migration <name>  write a new migration for SQLite AND PostgreSQL (no DB needed)
//   node scripts/prisma.mjs deploy            apply migrations to DATABASE_URL (SQLite file or PostgreSQL)
//   node scripts/prisma.mjs check             fail if the model changed without a migration or derivation
//
// prisma/schema.prisma is the single source of truth. prisma/postgres/schema.prisma is derived from it
// (provider and client output swapped) and committed so reviewers see it. prisma/migrated.prisma is the
// model as of the newest migration; `migration` diffs from it, so no shadow database is ever needed.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const sqliteSchema = path.join(root, "prisma/schema.prisma");
const pgSchema = path.join(root, "prisma/postgres/schema.prisma");
const migratedSchema = path.join(root, "prisma/migrated.prisma");
const migrationDirs = { sqlite: path.join(root, "prisma/migrations"), postgres: path.join(root, "prisma/postgres/migrations") };

if (!existsSync(sqliteSchema)) process.exit(0);

/** The environment the Prisma CLI needs to stay offline: pointing the engine paths at an existing
 *  executable stops its download attempts; the JS schema engine does the real work. */
export function prismaEnv(extra = {}) {
  return {
    ...process.env,
    DATABASE_URL: process.env.DATABASE_URL ?? "file:./.data/certlab.db",
    PRISMA_QUERY_ENGINE_LIBRARY: process.execPath,
    PRISMA_SCHEMA_ENGINE_BINARY: process.execPath,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
    ...extra,
  };
}

function prisma(args, extraEnv = {}, { capture = false, retryLockTimeout = 0 } = {}) {
  const cli = path.join(root, "node_modules/prisma/build/index.js");
  for (let attempt = 0; ; attempt++) {
    const res = spawnSync(process.execPath, [cli, ...args], {
      cwd: root,
      env: prismaEnv(extraEnv),
      encoding: "utf8",
      stdio: capture ? ["ignore", "pipe", "pipe"] : "inherit",
    });
    if (res.status === 0) return res.stdout;
    // PostgreSQL: `migrate deploy` waits at most 10 s for the advisory lock another process's deploy holds (several
    // API processes started at once, npm start -- --workers N or a process manager, on a loaded machine). That
    // deploy finishes the work; ours then finds nothing to apply. So wait again instead of failing the start.
    if (capture && attempt < retryLockTimeout && /P1002/.test(res.stdout + res.stderr) && /advisory lock/.test(res.stdout + res.stderr)) {
      console.error(`prisma ${args.join(" ")}: another process holds the migration lock; waiting again (${attempt + 1}/${retryLockTimeout})`);
      continue;
    }
    if (capture) process.stderr.write(res.stdout + res.stderr);
    throw new Error(`prisma ${args.join(" ")} failed with exit code ${res.status}`);
  }
}

function derivePostgres(text) {
  return (
    "// DERIVED from prisma/schema.prisma by `npm run db:migration` / postinstall. Do not edit.\n" +
    text
      .replace('provider = "sqlite"', 'provider = "postgresql"')
      .replace('output     = "../apps/api/src/generated/sqlite"', 'output     = "../../apps/api/src/generated/postgres"')
  );
}

function writeDerived() {
  const text = readFileSync(sqliteSchema, "utf8");
  const derived = derivePostgres(text);
  if (!derived.includes('provider = "postgresql"') || !derived.includes("generated/postgres")) {
    throw new Error("prisma/schema.prisma no longer has the provider/output lines the derivation expects");
  }
  mkdirSync(path.dirname(pgSchema), { recursive: true });
  if (!existsSync(pgSchema) || readFileSync(pgSchema, "utf8") !== derived) writeFileSync(pgSchema, derived);
}

function generate() {
  writeDerived();
  prisma(["generate", "--schema", "prisma/schema.prisma"], {}, { capture: true });
  prisma(["generate", "--schema", "prisma/postgres/schema.prisma"], { DATABASE_URL: "postgresql://localhost/unused" }, { capture: true });
  console.log("Prisma clients generated (SQLite and PostgreSQL).");
}

function timestamp() {
  return new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
}

function migration(name) {
  if (!name || !/^[a-z0-9_]+$/.test(name)) throw new Error("usage: npm run db:migration -- <snake_case_name>");
  writeDerived();
  const dir = `${timestamp()}_${name}`;
  mkdirSync(path.join(root, ".data"), { recursive: true });
  const fromSqlite = existsSync(migratedSchema) ? ["--from-schema-datamodel", migratedSchema] : ["--from-empty"];
  let wrote = false;
  for (const [engine, schema, url] of [
    ["sqlite", sqliteSchema, "file:./.data/migration-diff.db"],
    // The JS schema engine opens a connection even for a pure diff: any reachable PostgreSQL will do.
    ["postgres", pgSchema, process.env.CERTLAB_PG_DIFF_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres"],
  ]) {
    let from = fromSqlite;
    if (existsSync(migratedSchema) && engine === "postgres") {
      const tmp = path.join(root, ".tmp/migrated-postgres.prisma");
      mkdirSync(path.dirname(tmp), { recursive: true });
      writeFileSync(tmp, derivePostgres(readFileSync(migratedSchema, "utf8")));
      from = ["--from-schema-datamodel", tmp];
    }
    const sql = prisma(["migrate", "diff", ...from, "--to-schema-datamodel", schema, "--script"], { DATABASE_URL: url }, { capture: true });
    if (/^-- This is an empty migration\.\s*$/m.test(sql) || sql.trim() === "") continue;
    const target = path.join(migrationDirs[engine], dir);
    mkdirSync(target, { recursive: true });
    writeFileSync(path.join(target, "migration.sql"), sql);
    const lock = path.join(migrationDirs[engine], "migration_lock.toml");
    if (!existsSync(lock)) writeFileSync(lock, `provider = "${engine === "sqlite" ? "sqlite" : "postgresql"}"\n`);
    wrote = true;
    console.log(`wrote ${path.relative(root, target)}/migration.sql`);
  }
  if (!wrote) console.log("No model change: no migration written.");
  writeFileSync(migratedSchema, readFileSync(sqliteSchema, "utf8"));
}

function check() {
  const problems = [];
  const text = readFileSync(sqliteSchema, "utf8");
  if (!existsSync(pgSchema) || readFileSync(pgSchema, "utf8") !== derivePostgres(text)) {
    problems.push("prisma/postgres/schema.prisma is not derived from prisma/schema.prisma (run npm run db:migration -- <name>)");
  }
  if (!existsSync(migratedSchema) || readFileSync(migratedSchema, "utf8") !== text) {
    problems.push("prisma/schema.prisma changed without a migration (run npm run db:migration -- <name>)");
  }
  const names = (engine) =>
    existsSync(migrationDirs[engine]) ? readdirSync(migrationDirs[engine]).filter((d) => /^\d{14}_/.test(d)).sort() : [];
  if (JSON.stringify(names("sqlite")) !== JSON.stringify(names("postgres"))) {
    problems.push("SQLite and PostgreSQL migrations differ: every migration must exist for both engines");
  }
  if (problems.length) {
    for (const p of problems) console.error(`db:check: ${p}`);
    process.exit(1);
  }
  console.log("db:check: model, derived PostgreSQL schema and migrations agree.");
}

function deploy() {
  const url = process.env.DATABASE_URL ?? "file:./.data/certlab.db";
  if (!/^postgres/.test(url)) {
    const file = url.replace(/^file:/, "");
    mkdirSync(path.dirname(path.resolve(root, file)), { recursive: true });
  }
  prisma(["migrate", "deploy"], {}, { capture: true, retryLockTimeout: 5 });
  return installRevisionTriggers(url);
}

/** The TenantRevision triggers (prisma/revision-triggers.mjs), after the migrations, on the engine's own driver. */
async function installRevisionTriggers(url) {
  const { sqliteTriggerSql, postgresTriggerSql } = await import("../prisma/revision-triggers.mjs");
  const { createRequire } = await import("node:module");
  const require = createRequire(path.join(root, "apps/api/package.json"));
  if (/^postgres/.test(url)) {
    const pg = require("pg");
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      // One transaction: concurrent deploys (several test workers) serialize on the lock instead of racing.
      await client.query(`BEGIN; SELECT pg_advisory_xact_lock(4711); ${postgresTriggerSql()} COMMIT;`);
    } finally {
      await client.end();
    }
  } else {
    const Database = createRequire(require.resolve("@prisma/adapter-better-sqlite3"))("better-sqlite3");
    const db = new Database(path.resolve(root, url.replace(/^file:/, "")), { timeout: 30_000 });
    try {
      db.exec(`BEGIN IMMEDIATE; ${sqliteTriggerSql()} COMMIT;`);
    } finally {
      db.close();
    }
  }
}

const [, , command, ...rest] = process.argv;
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  try {
    if (command === "generate") generate();
    else if (command === "migration") migration(rest[0]);
    else if (command === "deploy") await deploy();
    else if (command === "check") check();
    else {
      console.error("usage: node scripts/prisma.mjs generate | migration <name> | deploy | check");
      process.exit(2);
    }
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
