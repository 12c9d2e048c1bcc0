// The lab as stored: one LabObject row per object (kind + JSON data validated by the domain's shapes), plus the
// CertificateConnector and AppProxyConnector rows the Intune and Entra portals list. A LabDraft is the whole lab
// of one tenant loaded into memory (a lab is tens of objects), changed in place by a console action, and written
// back by `commit`: only rows whose JSON changed are updated, each guarded by its version (optimistic concurrency).
import { randomUUID } from "node:crypto";
import { defaultConnectorGroupId } from "../entra/connectors.ts";
import type { CaMaterial } from "@certlab/pki/ca";
import type {
  AdAccount,
  AdForest,
  AdGroup,
  AppProxyConnector,
  CertificateTemplate,
  CertificationAuthority,
  IntuneCertificateConnector,
  LabNetwork,
  LabServer,
  NdesInstance,
  ReverseProxy,
} from "@certlab/domain/lab/snapshot";
import type { Db, Tx } from "../../db/client.ts";
import { findRows } from "../../db/fast-find.ts";
import { executeRaw } from "../../db/fast-read.ts";
import { Prisma } from "../../generated/sqlite/client.ts";
import { ZStoredCaDefaults } from "@certlab/domain/lab/schemas";
import { notFound } from "../../http/errors.ts";
import { concurrentChange } from "../etag.ts";

/** A request the CA answered (certsrv.msc › Issued Certificates / Failed Requests). */
export type CaRequest = {
  requestId: number;
  disposition: "issued" | "failed" | "pending";
  requesterName: string;
  template: string;
  subject: string;
  submittedDateTime: string;
  /** Issued: the certificate's serial number and thumbprint; failed: the status code and message. */
  serialNumber?: string;
  thumbprint?: string;
  notAfter?: string;
  statusCode?: string;
  statusMessage?: string;
  /** Issued: the subject alternative names as written ("upn:administrator@…", "dns:…"), and the certificate (PEM). */
  subjectAlternativeNames?: string[];
  certificatePem?: string;
};

/**
 * What a CA row keeps beyond the snapshot's view: its real key pair and certificate. Its request log is not in the
 * row's JSON: one CaRequest row per request (see `caRequestsOf` / `insertCaRequest` and LabDraft.caRequests).
 */
export type StoredCa = CertificationAuthority & { material: CaMaterial };

type CaRequestRow = { requestId: number; disposition: string; submittedDateTime: Date; data: string };

function caRequestOf(r: CaRequestRow): CaRequest {
  const rest = JSON.parse(r.data) as Omit<CaRequest, "requestId" | "disposition">;
  return { requestId: r.requestId, disposition: r.disposition as CaRequest["disposition"], ...rest, submittedDateTime: rest.submittedDateTime ?? r.submittedDateTime.toISOString() };
}

/** The CA's request log (certsrv Issued Certificates / Failed Requests / Pending Requests), by request id. */
export async function caRequestsOf(tx: Tx, tenantId: string, caId: string, disposition?: CaRequest["disposition"]): Promise<CaRequest[]> {
  const rows = await tx.caRequest.findMany({ where: { tenantId, caId, ...(disposition ? { disposition } : {}) }, orderBy: { requestId: "asc" } });
  return rows.map(caRequestOf);
}

/** The CA's last request id in the database; 1 (the CA's own certificate) when it has none. */
export async function lastCaRequestId(tx: Tx, caId: string): Promise<number> {
  const agg = await tx.caRequest.aggregate({ where: { caId }, _max: { requestId: true } });
  return agg._max.requestId ?? 1;
}

/** The request id the CA gives its next request, read inside `tx` (a concurrent taker of the same id fails the insert). */
export async function nextCaRequestId(tx: Tx, caId: string): Promise<number> {
  return (await lastCaRequestId(tx, caId)) + 1;
}

const isUniqueViolation = (e: unknown) => (e as { code?: unknown } | null)?.code === "P2002";

/** Appends one request to the CA's log. Another request that took the same id first answers concurrentChange (412). */
export async function insertCaRequest(tx: Tx, tenantId: string, caId: string, entry: CaRequest): Promise<void> {
  const { requestId, disposition, ...rest } = entry;
  try {
    await tx.caRequest.create({
      data: { tenantId, caId, requestId, disposition, submittedDateTime: new Date(entry.submittedDateTime), data: JSON.stringify(rest) },
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw concurrentChange();
    throw e;
  }
}

/**
 * The CA row's version and the request id its next request gets, in one raw statement on `tx` (no query compiler):
 * undefined when the CA row is gone. SELECT max(requestId) works the same on SQLite and PostgreSQL.
 */
export async function caVersionAndNextRequestId(tx: Tx, tenantId: string, caId: string): Promise<{ version: number; requestId: number } | undefined> {
  const rows = await tx.$queryRaw<{ version: unknown; last: unknown }[]>(
    Prisma.sql(
      `SELECT "version", (SELECT COALESCE(MAX("requestId"), 1) FROM "CaRequest" WHERE "caId" = ?) AS "last" FROM "LabObject" WHERE "id" = ? AND "tenantId" = ? AND "kind" = 'ca'`.split("?"),
      caId,
      caId,
      tenantId,
    ),
  );
  const row = rows[0];
  return row ? { version: Number(row.version), requestId: Number(row.last) + 1 } : undefined;
}

const INSERT_CA_REQUEST = `INSERT INTO "CaRequest" ("id", "tenantId", "caId", "requestId", "disposition", "submittedDateTime", "data") VALUES (?, ?, ?, ?, ?, ?, ?)`;
const isRawUniqueViolation = (e: unknown) =>
  isUniqueViolation(e) || (e instanceof Error && /unique constraint|duplicate key|UNIQUE constraint failed|P2002|23505/i.test(`${e.message} ${JSON.stringify((e as { meta?: unknown }).meta ?? "")}`));

/** insertCaRequest as one raw INSERT on `tx` (the id generated here, as Prisma's @default(uuid()) does client-side). */
export async function insertCaRequestRaw(tx: Tx, tenantId: string, caId: string, entry: CaRequest): Promise<void> {
  const { requestId, disposition, ...rest } = entry;
  try {
    await executeRaw(tx, INSERT_CA_REQUEST, [randomUUID(), tenantId, caId, requestId, disposition, new Date(entry.submittedDateTime), JSON.stringify(rest)]);
  } catch (e) {
    if (isRawUniqueViolation(e)) throw concurrentChange();
    throw e;
  }
}
/** A server row keeps the private keys of the certificates in its LocalMachine\My (PKCS#8 PEM by thumbprint). */
export type StoredServer = LabServer & {
  privateKeys?: Record<string, string>;
  /** The certificates a lab CA issued to this server, PEM by thumbprint (NDES serves its RA certificates over SCEP). */
  certificatePems?: Record<string, string>;
};
export type ForestData = { forest: AdForest; network: LabNetwork };

export type KindData = {
  forest: ForestData;
  adAccount: AdAccount;
  adGroup: AdGroup;
  server: StoredServer;
  ca: StoredCa;
  template: CertificateTemplate;
  ndes: NdesInstance;
  reverseProxy: ReverseProxy;
};
export type Kind = keyof KindData;
export const KINDS: readonly Kind[] = ["forest", "adAccount", "adGroup", "server", "ca", "template", "ndes", "reverseProxy"];

/** The unique name of a row within its kind (LabObject @@unique([tenantId, kind, name])). */
export function rowName<K extends Kind>(kind: K, data: KindData[K]): string {
  switch (kind) {
    case "forest":
      return (data as ForestData).forest.name.toLowerCase();
    case "adAccount": {
      const a = data as AdAccount;
      return `${a.domain}\\${a.samAccountName}`.toLowerCase();
    }
    case "adGroup": {
      const g = data as AdGroup;
      return `${g.domain}\\${g.name}`.toLowerCase();
    }
    case "server":
      return (data as LabServer).fqdn.toLowerCase();
    case "ca":
      return (data as CertificationAuthority).name.toLowerCase();
    case "template":
      return (data as CertificateTemplate).name.toLowerCase();
    case "ndes":
      return (data as NdesInstance).serverId;
    default:
      return (data as ReverseProxy).id;
  }
}

/** Certificate Connector for Microsoft Intune row, as the lab sees it. */
export type StoredIntuneConnector = IntuneCertificateConnector & { connectorName: string; machineName: string };
/** Private network connector row; `externalIp` is the lab network's public address. */
export type StoredAppProxyConnector = AppProxyConnector & { machineName: string; externalIp: string; createdDateTime: string };
export type ConnectorGroupRow = { id: string; name: string; region: string | null; isDefault: boolean };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Entry<T> = { id: string; kind: string; version: number; data: T; original: string | null; deleted: boolean };

/** A loaded entry's `original` in a read-only draft: not null (it is stored), never compared (commit refuses). */
const READ_ONLY = "";

function entryOf<T>(id: string, kind: string, version: number, data: T, isNew = false, readOnly = false): Entry<T> {
  return { id, kind, version, data, original: isNew ? null : readOnly ? READ_ONLY : JSON.stringify(data), deleted: false };
}

/** A stored row with the fields added since it was written filled in (zod defaults of the domain's schemas). */
function withDefaults(kind: string, data: unknown): unknown {
  if (kind === "ca") return withoutRequests(ZStoredCaDefaults.parse(data));
  return data;
}

/** A CA's JSON never carries its request log (CaRequest rows do): a row written before the move loses it on load. */
function withoutRequests(data: unknown): unknown {
  if (data && typeof data === "object" && "requests" in data) {
    const { requests: _requests, ...rest } = data as Record<string, unknown>;
    return rest;
  }
  return data;
}

export class LabDraft {
  readonly objects = new Map<string, Entry<unknown>>();
  readonly intune = new Map<string, Entry<StoredIntuneConnector>>();
  readonly appx = new Map<string, Entry<StoredAppProxyConnector>>();
  readonly connectorGroups: ConnectorGroupRow[] = [];
  readonly newConnectorGroups: ConnectorGroupRow[] = [];
  /** CA requests added by this change, inserted by `commit` after the CA rows. */
  readonly newCaRequests: { caId: string; entry: CaRequest }[] = [];

  constructor(
    readonly tenantId: string,
    /** Loaded for reading only (the rule engine's snapshot): no row's JSON kept to compare, and `commit` refuses. */
    readonly readOnly = false,
  ) {}

  static async load(tx: Db | Tx, tenantId: string, opts: { readOnly?: boolean } = {}): Promise<LabDraft> {
    // Outside a transaction (the root client) on the read fast path; inside one, through Prisma (db/fast-find.ts).
    const [rows, intune, appx, groups] = await Promise.all([
      findRows(tx, "labObject", { where: { tenantId }, orderBy: [{ createdDateTime: "asc" }, { name: "asc" }] }),
      findRows(tx, "certificateConnector", { where: { tenantId }, orderBy: { enrollmentDateTime: "asc" } }),
      findRows(tx, "appProxyConnector", { where: { tenantId }, orderBy: { createdDateTime: "asc" } }),
      findRows(tx, "connectorGroup", { where: { tenantId }, orderBy: { createdDateTime: "asc" } }),
    ]);
    const ro = opts.readOnly === true;
    const d = new LabDraft(tenantId, ro);
    for (const r of rows) d.objects.set(r.id, entryOf(r.id, r.kind, r.version, withDefaults(r.kind, JSON.parse(r.data)), false, ro));
    for (const c of intune) {
      const extra = JSON.parse(c.data) as Omit<StoredIntuneConnector, "id" | "serverId" | "generation" | "version" | "enrolledDateTime" | "lastCheckinDateTime" | "connectorName" | "machineName">;
      d.intune.set(c.id, entryOf(c.id, "intune", c.version, {
        ...extra,
        id: c.id,
        serverId: c.serverId,
        generation: c.generation === "legacy" ? "legacy" : "current",
        version: c.connectorVersion,
        connectorName: c.connectorName,
        machineName: c.machineName,
        enrolledDateTime: c.enrollmentDateTime.toISOString(),
        lastCheckinDateTime: c.lastCheckinDateTime.toISOString(),
      }, false, ro));
    }
    for (const c of appx) {
      const extra = JSON.parse(c.data) as Omit<StoredAppProxyConnector, "id" | "serverId" | "version" | "connectorGroupId" | "machineName" | "externalIp" | "createdDateTime">;
      d.appx.set(c.id, entryOf(c.id, "appx", 1, {
        ...extra,
        id: c.id,
        serverId: c.serverId,
        version: c.connectorVersion,
        connectorGroupId: c.connectorGroupId ?? undefined,
        machineName: c.machineName,
        externalIp: c.externalIp,
        createdDateTime: c.createdDateTime.toISOString(),
      }, false, ro));
    }
    d.connectorGroups.push(...groups.map((g) => ({ id: g.id, name: g.name, region: g.region, isDefault: g.isDefault })));
    return d;
  }

  get isEmpty(): boolean {
    return ![...this.objects.values()].some((e) => !e.deleted);
  }

  list<K extends Kind>(kind: K): KindData[K][] {
    const out: KindData[K][] = [];
    for (const e of this.objects.values()) if (e.kind === kind && !e.deleted) out.push(e.data as KindData[K]);
    return out;
  }

  find<K extends Kind>(kind: K, id: string): KindData[K] | undefined {
    const e = this.objects.get(id);
    return e && e.kind === kind && !e.deleted ? (e.data as KindData[K]) : undefined;
  }

  /** The object, or 404 (also for another tenant's id: the draft only holds this tenant's rows). */
  get<K extends Kind>(kind: K, id: string): KindData[K] {
    const found = this.find(kind, id);
    if (!found) throw notFound(id);
    return found;
  }

  versionOf(id: string): number {
    return this.objects.get(id)?.version ?? this.intune.get(id)?.version ?? this.appx.get(id)?.version ?? 0;
  }

  forest(): ForestData {
    const f = this.list("forest")[0];
    if (!f) throw notFound("lab");
    return f;
  }

  /** Adds an object; its `id` is set to a new GUID unless it already has one that is free. */
  add<K extends Kind>(kind: K, data: KindData[K]): KindData[K] {
    const withId = data as KindData[K] & { id?: string };
    // Row ids are global (LabObject.id): keep a GUID the caller chose, replace builder ids such as "srv-ndes01".
    const keep = withId.id && GUID.test(withId.id) && !this.objects.has(withId.id);
    const id = kind !== "forest" && keep ? withId.id! : randomUUID();
    if (kind !== "forest") withId.id = id;
    this.objects.set(id, entryOf(id, kind, 1, data, true));
    return data;
  }

  remove(kind: Kind, id: string): void {
    const e = this.objects.get(id);
    if (!e || e.kind !== kind || e.deleted) throw notFound(id);
    e.deleted = true;
  }

  idOf(kind: Kind, data: unknown): string | undefined {
    for (const e of this.objects.values()) if (e.kind === kind && e.data === data) return e.id;
    return undefined;
  }

  intuneConnectors(): StoredIntuneConnector[] {
    return [...this.intune.values()].filter((e) => !e.deleted).map((e) => e.data);
  }

  appProxyConnectors(): StoredAppProxyConnector[] {
    return [...this.appx.values()].filter((e) => !e.deleted).map((e) => e.data);
  }

  addIntuneConnector(c: StoredIntuneConnector): void {
    this.intune.set(c.id, entryOf(c.id, "intune", 1, c, true));
  }

  addAppProxyConnector(c: StoredAppProxyConnector): void {
    this.appx.set(c.id, entryOf(c.id, "appx", 1, c, true));
  }

  removeConnectorsOf(serverId: string, which: "intune" | "appx"): void {
    const map = which === "intune" ? this.intune : this.appx;
    for (const e of map.values()) if ((e.data as { serverId: string }).serverId === serverId) e.deleted = true;
  }

  /** The tenant's Default connector group, created (isDefault) when missing, as Entra does on first registration. */
  defaultConnectorGroup(): ConnectorGroupRow {
    const found = [...this.connectorGroups, ...this.newConnectorGroups].find((g) => g.isDefault);
    if (found) return found;
    // The same deterministic id the Entra side uses, so the two can never create two Default groups.
    const g = { id: defaultConnectorGroupId(this.tenantId), name: "Default", region: null, isDefault: true };
    this.newConnectorGroups.push(g);
    return g;
  }

  /** The CA's request log as of `tx`, with the requests this draft added and has not committed yet. */
  async caRequests(tx: Tx, caId: string, disposition?: CaRequest["disposition"]): Promise<CaRequest[]> {
    const stored = this.objects.get(caId)?.original === null ? [] : await caRequestsOf(tx, this.tenantId, caId, disposition);
    const queued = this.newCaRequests.filter((q) => q.caId === caId && (!disposition || q.entry.disposition === disposition)).map((q) => q.entry);
    return [...stored, ...queued];
  }

  /** The id of the CA's next request inside `tx` (after the ones this draft queued): the last one + 1, 2 for the first. */
  async nextCaRequestId(tx: Tx, caId: string): Promise<number> {
    const inDb = this.objects.get(caId)?.original === null ? 1 : await lastCaRequestId(tx, caId);
    const queued = this.newCaRequests.filter((q) => q.caId === caId).map((q) => q.entry.requestId);
    return Math.max(inDb, ...queued) + 1;
  }

  /** Queues a request for the CA's log; `commit` inserts it (a concurrent request with the same id answers 412). */
  addCaRequest(caId: string, entry: CaRequest): void {
    this.newCaRequests.push({ caId, entry });
  }

  /** Writes what changed. Each update is guarded by the version read, so a concurrent change answers 412. */
  async commit(tx: Tx): Promise<void> {
    if (this.readOnly) throw new Error("LabDraft: a read-only draft cannot be committed");
    const tenantId = this.tenantId;
    for (const g of this.newConnectorGroups) {
      await tx.connectorGroup.create({ data: { id: g.id, tenantId, name: g.name, region: g.region, isDefault: g.isDefault } });
      this.connectorGroups.push(g);
    }
    this.newConnectorGroups.length = 0;
    for (const e of this.objects.values()) {
      if (e.deleted) {
        if (e.original !== null) {
          const res = await tx.labObject.deleteMany({ where: { id: e.id, tenantId, version: e.version } });
          if (res.count !== 1) throw concurrentChange();
        }
        continue;
      }
      const json = JSON.stringify(e.kind === "ca" ? withoutRequests(e.data) : e.data);
      const name = rowName(e.kind as Kind, e.data as never);
      if (e.original === null) {
        await tx.labObject.create({ data: { id: e.id, tenantId, kind: e.kind, name, data: json } });
      } else if (json !== e.original) {
        // Raw SQL on the transaction: the one statement of most console writes, without Prisma's query compiler.
        const count = await executeRaw(
          tx,
          `UPDATE "LabObject" SET "name" = ?, "data" = ?, "version" = "version" + 1, "lastModifiedDateTime" = ? WHERE "id" = ? AND "tenantId" = ? AND "version" = ?`,
          [name, json, new Date(), e.id, tenantId, e.version],
        );
        if (count !== 1) throw concurrentChange();
        e.version += 1;
      }
      e.original = json;
    }
    for (const q of this.newCaRequests) {
      const ca = this.objects.get(q.caId);
      if (!ca || ca.kind !== "ca" || ca.deleted) continue; // removed in the same change: its log goes with it
      await insertCaRequest(tx, tenantId, q.caId, q.entry);
    }
    this.newCaRequests.length = 0;
    for (const e of this.intune.values()) {
      const c = e.data;
      const { id, serverId, generation, version, enrolledDateTime, lastCheckinDateTime, connectorName, machineName, ...extra } = c;
      const json = JSON.stringify(c);
      if (e.deleted) {
        if (e.original !== null) await tx.certificateConnector.deleteMany({ where: { id, tenantId } });
        continue;
      }
      const data = {
        serverId,
        generation,
        connectorName,
        machineName,
        connectorVersion: version,
        enrollmentDateTime: new Date(enrolledDateTime),
        lastCheckinDateTime: new Date(lastCheckinDateTime),
        data: JSON.stringify(extra),
      };
      if (e.original === null) await tx.certificateConnector.create({ data: { id, tenantId, ...data } });
      else if (json !== e.original) {
        const res = await tx.certificateConnector.updateMany({ where: { id, tenantId, version: e.version }, data: { ...data, version: { increment: 1 } } });
        if (res.count !== 1) throw concurrentChange();
        e.version += 1;
      }
      e.original = json;
    }
    for (const e of this.appx.values()) {
      const { id, serverId, version, connectorGroupId, machineName, externalIp, createdDateTime, ...extra } = e.data;
      const json = JSON.stringify(e.data);
      if (e.deleted) {
        if (e.original !== null) await tx.appProxyConnector.deleteMany({ where: { id, tenantId } });
        continue;
      }
      const data = { serverId, machineName, externalIp, connectorVersion: version, connectorGroupId: connectorGroupId ?? null, data: JSON.stringify(extra) };
      if (e.original === null) await tx.appProxyConnector.create({ data: { id, tenantId, createdDateTime: new Date(createdDateTime), ...data } });
      else if (json !== e.original) await tx.appProxyConnector.updateMany({ where: { id, tenantId }, data });
      e.original = json;
    }
  }
}
