// A typed `findMany` on the read fast path (issue 9): the plain per-tenant reads of the rule engine's snapshot and
// of the lab (store/lab/state.ts LabDraft.load, store/intune/snapshot.ts, store/entra/snapshot.ts) sent straight to
// the driver (db/fast-read.ts) instead of through Prisma, whose WebAssembly query compiler (no plan cache in 6.19)
// and interpreter were about half of a lab console write's server time. `findRows(db, "labObject", args)` takes the
// subset of Prisma's findMany arguments these reads use (equality and `in` filters, orderBy, select) and answers
// rows exactly as Prisma returns them on both engines: DateTime columns as Date (SQLite's text parsed the way
// Prisma parses it), Boolean as boolean, Int as number, String as string, null as null.
//
// On a transaction client (or a client createDb did not make) the same SQL runs through Prisma's $queryRaw on that
// client: reads inside a write transaction see that transaction's state, as before, without the query compiler
// (four findMany of LabDraft.load in a transaction: about 5.5 ms on the bench machine, the same four as raw SQL 1.8 ms).
import type {
  AppProxyConnector,
  AppRoleAssignment,
  Application,
  CertificateConnector,
  ConnectorGroup,
  DeviceConfiguration,
  DeviceConfigurationAssignment,
  Domain,
  LabObject,
  ServicePrincipal,
  Tenant,
} from "../generated/sqlite/client.ts";
import type { Db, Tx } from "./client.ts";
import { asBoolean, fastAll } from "./fast-read.ts";

type ColumnType<V> = V extends Date ? "DateTime" : V extends boolean ? "Boolean" : V extends number ? "Int" : "String";
/** Every scalar column of a model with its type: the compiler checks it against the generated model type. */
type Columns<T> = { [K in keyof T]-?: ColumnType<NonNullable<T[K]>> };
type Model<T> = { table: string; columns: Columns<T>; row?: T };

const model = <T>(table: string, columns: Columns<T>): Model<T> => ({ table, columns });
const S = "String" as const;
const D = "DateTime" as const;
const I = "Int" as const;
const B = "Boolean" as const;

const MODELS = {
  tenant: model<Tenant>("Tenant", { id: S, displayName: S, countryLetterCode: S, preferredLanguage: S, tenantType: S, settings: S, createdDateTime: D, version: I }),
  domain: model<Domain>("Domain", { id: S, tenantId: S, name: S, isVerified: B, isInitial: B, isDefault: B, authenticationType: S, verificationCode: S, createdDateTime: D }),
  labObject: model<LabObject>("LabObject", { id: S, tenantId: S, kind: S, name: S, data: S, version: I, createdDateTime: D, lastModifiedDateTime: D }),
  certificateConnector: model<CertificateConnector>("CertificateConnector", { id: S, tenantId: S, serverId: S, generation: S, connectorName: S, machineName: S, connectorVersion: S, enrollmentDateTime: D, lastCheckinDateTime: D, data: S, version: I }),
  appProxyConnector: model<AppProxyConnector>("AppProxyConnector", { id: S, tenantId: S, serverId: S, machineName: S, externalIp: S, connectorVersion: S, connectorGroupId: S, data: S, createdDateTime: D }),
  connectorGroup: model<ConnectorGroup>("ConnectorGroup", { id: S, tenantId: S, name: S, region: S, isDefault: B, createdDateTime: D }),
  deviceConfiguration: model<DeviceConfiguration>("DeviceConfiguration", { id: S, tenantId: S, odataType: S, displayName: S, description: S, settings: S, rootCertificateId: S, roleScopeTagIds: S, version: I, createdDateTime: D, lastModifiedDateTime: D }),
  deviceConfigurationAssignment: model<DeviceConfigurationAssignment>("DeviceConfigurationAssignment", { id: S, tenantId: S, deviceConfigurationId: S, target: S, intent: S, source: S }),
  application: model<Application>("Application", { id: S, tenantId: S, appId: S, displayName: S, applicationTemplateId: S, data: S, connectorGroupId: S, version: I, createdDateTime: D }),
  servicePrincipal: model<ServicePrincipal>("ServicePrincipal", { id: S, tenantId: S, appId: S, applicationId: S, displayName: S, data: S, createdDateTime: D }),
  appRoleAssignment: model<AppRoleAssignment>("AppRoleAssignment", { id: S, tenantId: S, resourceId: S, principalId: S, principalType: S, principalDisplayName: S, appRoleId: S, createdDateTime: D }),
};

export type FastModel = keyof typeof MODELS;
type RowOf<M extends FastModel> = NonNullable<(typeof MODELS)[M]["row"]>;
type Where<T> = { [K in keyof T]?: T[K] | { in: T[K][] } };
type Direction = "asc" | "desc";
type OrderBy<T> = { [K in keyof T]?: Direction } | { [K in keyof T]?: Direction }[];
type Select<T> = { [K in keyof T]?: true };
export type FindArgs<T, S extends Select<T> | undefined> = { where: Where<T>; orderBy?: OrderBy<T>; select?: S };
type Result<T, S> = S extends Select<T> ? Pick<T, Extract<keyof S, keyof T>> : T;

/** Prisma's reading of a DateTime stored as text on SQLite (its runtime's normalisation: no zone means UTC). */
const TIME = /\d{2}:\d{2}:\d{2}(?:\.\d+)?(Z|[+-]\d{2}(:?\d{2})?)?$/;
export function sqliteDateText(text: string): string {
  const m = TIME.exec(text);
  if (m === null) return `${text}T00:00:00Z`;
  const [time, zone, minutes] = m;
  let r = text;
  if (zone !== undefined && zone !== "Z" && minutes === undefined) r = `${text}:00`;
  else if (zone === undefined) r = `${text}Z`;
  if (time.length === text.length) return `1970-01-01T${r}`;
  const sep = m.index - 1;
  return r[sep] === " " ? `${r.slice(0, sep)}T${r.slice(sep + 1)}` : r;
}

function asDateTime(v: unknown): Date | null {
  if (v == null) return null;
  if (v instanceof Date) return v;
  if (typeof v === "number" || typeof v === "bigint") return new Date(Number(v));
  return new Date(sqliteDateText(String(v)));
}

const convert: Record<string, (v: unknown) => unknown> = {
  DateTime: asDateTime,
  Boolean: (v) => (v == null ? null : asBoolean(v)),
  Int: (v) => (v == null ? null : Math.trunc(Number(v))),
  String: (v) => v,
};

type Plan = { sql: string; columns: [string, (v: unknown) => unknown][] };
const plans = new Map<string, Plan>();

function known(m: Model<unknown>, key: string): string {
  if (!Object.hasOwn(m.columns, key)) throw new Error(`findRows: ${m.table} has no column ${key}`);
  return `"${key}"`;
}

/** The SQL of a query shape (columns, filters with the length of each `in` list, order), built once per shape. */
function planOf(m: Model<unknown>, where: [string, unknown][], orderBy: [string, Direction][], select: string[] | undefined): Plan {
  const shape = `${m.table}|${select?.join(",") ?? "*"}|${where.map(([k, v]) => (isIn(v) ? `${k}:${v.in.length}` : v === null ? `${k}:null` : k)).join(",")}|${orderBy.map(([k, d]) => `${k} ${d}`).join(",")}`;
  let plan = plans.get(shape);
  if (plan) return plan;
  const names = select ?? Object.keys(m.columns);
  const filters = where.map(([k, v]) =>
    isIn(v) ? `${known(m, k)} IN (${v.in.map(() => "?").join(", ")})` : v === null ? `${known(m, k)} IS NULL` : `${known(m, k)} = ?`,
  );
  const order = orderBy.map(([k, d]) => `${known(m, k)} ${d === "desc" ? "DESC" : "ASC"}`);
  const sql =
    `SELECT ${names.map((n) => known(m, n)).join(", ")} FROM "${m.table}"` +
    (filters.length ? ` WHERE ${filters.join(" AND ")}` : "") +
    (order.length ? ` ORDER BY ${order.join(", ")}` : "");
  const columns = names.map((n) => [n, convert[(m.columns as Record<string, string>)[n]!]!] as [string, (v: unknown) => unknown]);
  if (plans.size > 1_000) plans.clear();
  plans.set(shape, (plan = { sql, columns }));
  return plan;
}

const isIn = (v: unknown): v is { in: unknown[] } => !!v && typeof v === "object" && !(v instanceof Date) && Array.isArray((v as { in?: unknown }).in);
function param(v: unknown): unknown {
  // Each engine stores dates its own way (SQLite: text in Prisma's format); no read here filters on one.
  if (v instanceof Date) throw new Error("findRows: filtering on a DateTime is not supported");
  return typeof v === "boolean" ? (v ? 1 : 0) : v;
}

/**
 * `db.<model>.findMany(args)` for the plain reads above: on the read fast path when `db` is a client createDb made
 * (outside any transaction: what is committed), otherwise as raw SQL through Prisma on `db` (a transaction's own).
 */
export async function findRows<M extends FastModel, S extends Select<RowOf<M>> | undefined = undefined>(
  db: Db | Tx,
  name: M,
  args: FindArgs<RowOf<M>, S>,
): Promise<Result<RowOf<M>, S>[]> {
  const m = MODELS[name] as Model<unknown>;
  const where = Object.entries(args.where).filter(([, v]) => v !== undefined);
  if (where.some(([, v]) => isIn(v) && v.in.length === 0)) return [];
  const orderBy = (Array.isArray(args.orderBy) ? args.orderBy : args.orderBy ? [args.orderBy] : []).flatMap((o) => Object.entries(o) as [string, Direction][]);
  const select = args.select ? Object.keys(args.select).filter((k) => (args.select as Record<string, unknown>)[k]) : undefined;
  const plan = planOf(m, where, orderBy, select);
  const params = where.flatMap(([, v]) => (isIn(v) ? v.in.map(param) : v === null ? [] : [param(v)]));
  const rows = await fastAll<Record<string, unknown>>(db as Db, plan.sql, params);
  for (const row of rows) for (const [column, to] of plan.columns) row[column] = to(row[column]);
  return rows as Result<RowOf<M>, S>[];
}
