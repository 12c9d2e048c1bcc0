// The tenant snapshot and its findings, cached per part against the tenant's revision counters (issue 9).
//
// TenantRevision holds one counter per part of the rule engine's snapshot (directory, lab, intune, entra); database
// triggers (prisma/revision-triggers.mjs) bump a part's counter in the same transaction as every write of a table
// that part reads, whoever writes: this request, another API process, a script. So a part read at counters C is
// still exactly what reading it again would give while the counters it depends on are still C, and checking that
// is one primary-key read. A part is stored only when the counters read before and after loading it agree (no
// commit touched it meanwhile). The lab, Intune and Entra parts also depend on the lab (connector status from
// their servers), Entra also on the directory (domains).
//
// Parts also carry the time they were read at (a running connector's last check-in is "now", Intune's `asOf`), so
// each is used for at most TIME_TOLERANCE_MS: a certificate expiring is noticed within that. Cached values are
// frozen: a caller that changed one would change every later request's answer (it throws instead).
// docs/operations.md lists what is cached and for how long.
import type { TenantSnapshot } from "@certlab/domain/rules/snapshot";
import type { Finding } from "@certlab/domain/rules/types";
import { evaluate } from "@certlab/domain/rules/engine";
import type { Db } from "../db/client.ts";
import { fastAll } from "../db/fast-read.ts";
import { stampedCachesEnabled } from "../db/stamped-cache.ts";

export type Revisions = { directory: number; lab: number; intune: number; entra: number };
export type PartName = keyof Revisions;

/** How long a cached part may be used, at most, whatever the counters say (its clock-dependent fields). */
export const TIME_TOLERANCE_MS = 5_000;

/** Which counters each part depends on. */
const DEPENDS: Record<PartName, readonly PartName[]> = {
  directory: ["directory"],
  lab: ["lab"],
  intune: ["intune", "lab"],
  entra: ["entra", "lab", "directory"],
};

const keyOf = (part: PartName, r: Revisions) => DEPENDS[part].map((p) => r[p]).join(".");

/** The tenant's counters; undefined for a tenant without its row (then nothing is cached). */
export async function revisionsOf(db: Db, tenantId: string): Promise<Revisions | undefined> {
  const [row] = await fastAll<Revisions>(db, `SELECT "directory", "lab", "intune", "entra" FROM "TenantRevision" WHERE "tenantId" = ?`, [tenantId]);
  return row ? { directory: Number(row.directory), lab: Number(row.lab), intune: Number(row.intune), entra: Number(row.entra) } : undefined;
}

type Entry = { key: string; readAt: number; value: unknown };
type TenantEntry = {
  parts: Partial<Record<PartName, Entry>>;
  /** The last snapshot assembled from the parts, and the parts it was assembled from (so findings can be kept). */
  snapshot?: { from: unknown[]; value: TenantSnapshot };
};

const MAX_TENANTS = 512;
const byDb = new WeakMap<Db, Map<string, TenantEntry>>();
type Derived = { key: string; readAt: number; value: unknown };
/** cachedRead's values, per database client: "<tenantId>\0<name>" → value. */
const derivedByDb = new WeakMap<Db, Map<string, Derived>>();
const findingsOf = new WeakMap<TenantSnapshot, readonly Finding[]>();

function tenantsOf(db: Db): Map<string, TenantEntry> {
  let m = byDb.get(db);
  if (!m) byDb.set(db, (m = new Map()));
  return m;
}

/** Forgets everything cached (tests that compare cold and warm). */
export function clearTenantCache(db: Db): void {
  byDb.delete(db);
  derivedByDb.delete(db);
}

export function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as object)) deepFreeze(v);
  }
  return value;
}

export type PartLoaders = { [P in PartName]: () => Promise<unknown> };

/**
 * The snapshot's parts, each from the cache when its counters are unchanged and it is younger than the time
 * tolerance, otherwise loaded (all missing parts at once). `assemble` builds the snapshot from the parts; the same
 * object is returned while no part changed, so its findings are computed once.
 */
export async function cachedSnapshot(
  db: Db,
  tenantId: string,
  load: PartLoaders,
  assemble: (parts: Record<PartName, unknown>) => TenantSnapshot,
): Promise<TenantSnapshot> {
  const before = stampedCachesEnabled() ? await revisionsOf(db, tenantId) : undefined;
  const names = Object.keys(load) as PartName[];
  if (!before) {
    const values = await Promise.all(names.map((n) => load[n]()));
    return assemble(Object.fromEntries(names.map((n, i) => [n, values[i]])) as Record<PartName, unknown>);
  }
  const tenants = tenantsOf(db);
  let entry = tenants.get(tenantId);
  if (!entry) {
    if (tenants.size >= MAX_TENANTS) tenants.clear();
    tenants.set(tenantId, (entry = { parts: {} }));
  }
  const now = Date.now();
  const usable = (n: PartName) => {
    const e = entry!.parts[n];
    return e && e.key === keyOf(n, before) && now - e.readAt < TIME_TOLERANCE_MS ? e : undefined;
  };
  const missing = names.filter((n) => !usable(n));
  const fresh = new Map<PartName, unknown>();
  if (missing.length) {
    const loaded = await Promise.all(missing.map((n) => load[n]()));
    const after = await revisionsOf(db, tenantId);
    missing.forEach((n, i) => {
      const value = deepFreeze(loaded[i]);
      fresh.set(n, value);
      // Stored only when nothing this part depends on was committed while it was read.
      if (after && keyOf(n, after) === keyOf(n, before)) entry!.parts[n] = { key: keyOf(n, before), readAt: now, value };
      else delete entry!.parts[n];
    });
  }
  const parts = Object.fromEntries(names.map((n) => [n, fresh.has(n) ? fresh.get(n) : entry!.parts[n]!.value])) as Record<PartName, unknown>;
  const from = names.map((n) => parts[n]);
  const last = entry.snapshot;
  if (last && last.from.length === from.length && last.from.every((v, i) => v === from[i])) return last.value;
  const value = deepFreeze(assemble(parts));
  if (names.every((n) => entry!.parts[n]?.value === parts[n])) entry.snapshot = { from, value };
  return value;
}

/** The findings of a snapshot, computed once per snapshot object (a cached snapshot's findings are cached too). */
export function findingsFor(snapshot: TenantSnapshot): Finding[] {
  let hit = findingsOf.get(snapshot);
  if (!hit) {
    hit = deepFreeze(evaluate(snapshot));
    if (Object.isFrozen(snapshot)) findingsOf.set(snapshot, hit);
  }
  // A copy of the list (callers sort and filter it); the findings themselves are frozen.
  return [...hit];
}

/**
 * Something else read from the tables of `parts` (the SCEP endpoint's view of the lab, with the key material the
 * snapshot leaves out), cached under the same rules as a snapshot part: used while the counters of `parts` are
 * unchanged and for at most TIME_TOLERANCE_MS, stored only when no commit touched them while it was read. The
 * value is shared by every request until then: callers must treat it as read-only.
 */
export async function cachedRead<T>(db: Db, tenantId: string, name: string, parts: readonly PartName[], load: () => Promise<T>): Promise<T> {
  const before = stampedCachesEnabled() ? await revisionsOf(db, tenantId) : undefined;
  if (!before) return load();
  let m = derivedByDb.get(db);
  if (!m) derivedByDb.set(db, (m = new Map()));
  const id = `${tenantId}\u0000${name}`;
  const key = parts.map((p) => before[p]).join(".");
  const now = Date.now();
  const hit = m.get(id);
  if (hit && hit.key === key && now - hit.readAt < TIME_TOLERANCE_MS) return hit.value as T;
  const value = await load();
  const after = await revisionsOf(db, tenantId);
  if (after && parts.map((p) => after[p]).join(".") === key) {
    if (m.size >= MAX_TENANTS * 4) m.clear();
    m.set(id, { key, readAt: now, value });
  } else m.delete(id);
  return value;
}
