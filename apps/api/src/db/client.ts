// The Prisma client for the configured engine: SQLite (embedded default, a file) or PostgreSQL
// (DATABASE_URL=postgresql://...). Both clients are generated from the same model (prisma/schema.prisma);
// the SQLite client's types are the app's types.
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import pg from "pg";
import { attachFastReader, postgresReader, sqliteReader } from "./fast-read.ts";
import { PrismaClient } from "../generated/sqlite/client.ts";
import { repoRoot } from "../paths.ts";

export type Db = PrismaClient;
export type Tx = Omit<Db, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

export const DEFAULT_DATABASE_URL = "file:./.data/certlab.db";

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

export function sqliteFile(url: string, cwd = repoRoot): string {
  const file = url.replace(/^file:/, "");
  return path.isAbsolute(file) ? file : path.resolve(cwd, file);
}

export interface DbOptions {
  /** Called with every SQL statement the client sends (Prisma's query events); the query-count tests use it. */
  onQuery?: (sql: string) => void;
}

export async function createDb(url = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL, opts: DbOptions = {}): Promise<Db> {
  const log: { emit: "event"; level: "query" }[] = opts.onQuery ? [{ emit: "event", level: "query" }] : [];
  if (isPostgresUrl(url)) {
    const { PrismaPg } = await import("@prisma/adapter-pg");
    const { PrismaClient: PgClient } = await import("../generated/postgres/client.ts");
    // One pool for Prisma and the read fast path (db/fast-read.ts).
    const pool = new pg.Pool({ connectionString: url });
    // An idle connection that the server ends (a restart, pg_terminate_backend, DROP DATABASE ... FORCE) is emitted
    // on the pool; without a listener Node treats it as an uncaught exception and the API process dies. The pool
    // has already dropped that client and opens a new one on the next query, so a warning is all it needs.
    pool.on("error", (err) => {
      if (process.env.NODE_ENV !== "test" && !process.env.VITEST) console.warn(`PostgreSQL: an idle connection ended (${err.message})`);
    });
    const client = new PgClient({ adapter: new PrismaPg(pool), log });
    if (opts.onQuery) client.$on("query", (e) => opts.onQuery!(e.query));
    const db = client as unknown as Db;
    attachFastReader(db, postgresReader(pg, pool, opts.onQuery));
    return db;
  }
  const file = sqliteFile(url);
  const db = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: file, timeout: 10_000 }), log });
  if (opts.onQuery) db.$on("query", (e) => opts.onQuery!(e.query));
  // WAL lets readers proceed while a write commits (several API processes, tests in parallel);
  // synchronous=NORMAL is the documented safe pairing with WAL.
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await db.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
  attachFastReader(db, sqliteReader(file, opts.onQuery));
  return db;
}
