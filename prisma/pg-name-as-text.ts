// Works around prisma/orm#27403 (open upstream): with @prisma/adapter-pg 6.19, `prisma migrate deploy`
// fails with "Column type 'name' could not be deserialized from the database" because catalogue
// queries return columns of type `name` (OID 19). This pool reports them as `text` (OID 25).
// Used ONLY where migrations run (prisma.config.ts); the app's own queries don't need it.
import pg from "pg";

const NAME_OID = 19;
const TEXT_OID = 25;

function nameAsText<T>(result: T): T {
  const fields = (result as { fields?: { dataTypeID: number }[] } | undefined)?.fields;
  for (const field of fields ?? []) if (field.dataTypeID === NAME_OID) field.dataTypeID = TEXT_OID;
  return result;
}

function patchQuery(target: { query: (...args: unknown[]) => unknown }) {
  const original = target.query.bind(target);
  target.query = (...args: unknown[]) => {
    const out = original(...args);
    return out && typeof (out as Promise<unknown>).then === "function" ? (out as Promise<unknown>).then(nameAsText) : out;
  };
}

export function createNameAsTextPool(connectionString: string): pg.Pool {
  const pool = new pg.Pool({ connectionString });
  pool.on("connect", (client) => patchQuery(client as unknown as { query: (...args: unknown[]) => unknown }));
  patchQuery(pool as unknown as { query: (...args: unknown[]) => unknown });
  return pool;
}
