// The read fast path (issue 9): the few statements every request runs — resolving the principal, a page of
// /users — sent straight to the database driver (better-sqlite3 / pg) instead of through Prisma, whose fixed cost
// per statement (about 0.2–0.3 ms even for raw SQL, the profile's largest item) was most of a request. Only
// plain SELECTs run here, outside any transaction, on what is committed; every write stays with Prisma.
//
// SQLite: a second, read-only connection to the same file (WAL mode, so it sees every committed write at once).
// PostgreSQL: the same pg.Pool Prisma's adapter uses. SQL is written with `?` placeholders (turned into $1, $2, ...
// for PostgreSQL) and double-quoted identifiers; the caller maps column types (SQLite returns 0/1 for booleans and
// text for dates). Statements are reported to DbOptions.onQuery like Prisma's, so the query-count tests see them.
import { createRequire } from "node:module";
import type pg from "pg";
import type { Db, Tx } from "./client.ts";
import { Prisma } from "../generated/sqlite/client.ts";

/** What the fast path uses of better-sqlite3: the driver @prisma/adapter-better-sqlite3 itself loads. */
interface SqliteStatement {
  all(...params: unknown[]): unknown[];
  get(...params: unknown[]): unknown;
  pluck(toggle: boolean): SqliteStatement;
  raw(toggle: boolean): SqliteStatement;
  columns(): { name: string }[];
}
interface SqliteConnection {
  prepare(sql: string): SqliteStatement;
  close(): void;
}
type SqliteDatabase = new (file: string, opts: { readonly: boolean; fileMustExist: boolean; timeout: number }) => SqliteConnection;

/** better-sqlite3 as Prisma's SQLite adapter resolves it (its dependency, so the same build and version). */
export function sqliteDriver(): SqliteDatabase {
  const fromAdapter = createRequire(createRequire(import.meta.url).resolve("@prisma/adapter-better-sqlite3"));
  return fromAdapter("better-sqlite3") as SqliteDatabase;
}

export interface FastReader {
  all<T>(sql: string, params: unknown[]): Promise<T[]>;
  /**
   * A stamp that changes whenever anything is committed to the database, by this process or any other; undefined
   * when the engine has no cheap one (PostgreSQL). SQLite's PRAGMA data_version on the reader's own connection,
   * which never writes: it changes on every commit of every other connection to the file (about 3 µs a call).
   * What is cached against it (db/stamped-cache.ts) is exactly as fresh as a query at that moment.
   */
  dataVersion?(): number;
  close(): Promise<void>;
}

const readers = new WeakMap<Db, FastReader>();

export function fastReaderOf(db: Db): FastReader | undefined {
  return readers.get(db);
}

/** Runs a SELECT on the fast path, or through Prisma for a client createDb did not make. */
export function fastAll<T>(db: Db, sql: string, params: unknown[]): Promise<T[]> {
  const reader = readers.get(db);
  if (reader) return reader.all<T>(sql, params);
  return db.$queryRaw<T[]>(Prisma.sql(sql.split("?"), ...params));
}

/**
 * An INSERT/UPDATE/DELETE through Prisma's $executeRaw on `tx` (so it stays in that transaction), without the query
 * compiler; the number of rows it changed. Dates are written as Prisma writes them (SQLite: ISO text with +00:00).
 */
export function executeRaw(tx: Tx, sql: string, params: unknown[]): Promise<number> {
  return tx.$executeRaw(Prisma.sql(sql.split("?"), ...params));
}

const truthyValues = new Set<unknown>([true, 1, "1"]);
/** A boolean column as either engine returns it (SQLite: 0/1). */
export const asBoolean = (v: unknown): boolean => truthyValues.has(v);
/** A DateTime column as either engine returns it (SQLite: ISO text). */
export const asDate = (v: unknown): Date | null => (v == null ? null : v instanceof Date ? v : new Date(v as string));

/** Registers the reader of a client and closes it with the client ($disconnect). */
export function attachFastReader(db: Db, reader: FastReader): void {
  readers.set(db, reader);
  const disconnect = db.$disconnect.bind(db);
  db.$disconnect = async () => {
    readers.delete(db);
    await reader.close().catch(() => undefined);
    await disconnect();
  };
}

export function sqliteReader(file: string, onQuery?: (sql: string) => void, Database: SqliteDatabase = sqliteDriver()): FastReader {
  const conn = new Database(file, { readonly: true, fileMustExist: true, timeout: 10_000 });
  // Rows come back as arrays and are made objects here: better-sqlite3 building the objects itself took twice
  // as long (a page of 100 users: about 0.6 ms against 0.3 ms on the bench machine).
  const statements = new Map<string, { st: SqliteStatement; names: string[] }>();
  const version = conn.prepare("PRAGMA data_version").pluck(true);
  return {
    dataVersion() {
      onQuery?.("PRAGMA data_version");
      return version.get() as number;
    },
    all<T>(sql: string, params: unknown[]) {
      let entry = statements.get(sql);
      if (!entry) {
        const st = conn.prepare(sql).raw(true);
        statements.set(sql, (entry = { st, names: st.columns().map((c) => c.name) }));
      }
      onQuery?.(sql);
      const { st, names } = entry;
      const rows = (st.all(...params) as unknown[][]).map((r) => {
        const o: Record<string, unknown> = {};
        for (let i = 0; i < names.length; i++) o[names[i]!] = r[i];
        return o as T;
      });
      return Promise.resolve(rows);
    },
    close() {
      conn.close();
      return Promise.resolve();
    },
  };
}

const TIMESTAMP_OID = 1114;

/** pg parses `timestamp` (without time zone) as local time; Prisma stores UTC there. */
function typesFor(pgModule: typeof pg): pg.CustomTypesConfig {
  return {
    getTypeParser: ((oid: number, format?: string) =>
      oid === TIMESTAMP_OID ? (v: string) => new Date(`${v.replace(" ", "T")}Z`) : pgModule.types.getTypeParser(oid, format as "text")) as pg.CustomTypesConfig["getTypeParser"],
  };
}

export function postgresReader(pgModule: typeof pg, pool: pg.Pool, onQuery?: (sql: string) => void): FastReader {
  const texts = new Map<string, string>();
  const types = typesFor(pgModule);
  return {
    async all<T>(sql: string, params: unknown[]) {
      let text = texts.get(sql);
      if (!text) {
        let i = 0;
        texts.set(sql, (text = sql.replace(/\?/g, () => `$${++i}`)));
      }
      onQuery?.(text);
      const res = await pool.query({ text, values: params, types });
      return res.rows as T[];
    },
    async close() {
      await pool.end();
    },
  };
}
