// The typed findMany of the read fast path (db/fast-find.ts, issue 9): outside a transaction the lab, Intune and
// Entra reads go straight to the driver; they must answer exactly what Prisma answers (DateTime as Date, Boolean as
// boolean, Int as number, nulls, order), so a draft or a snapshot read either way is deep-equal. Runs on SQLite
// and on PostgreSQL. The statement test at the end keeps the findings after a lab write off Prisma.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { bearerFor, createTestApp, DEMO, expectStatus, users, type TestApp } from "./harness.ts";
import type { Db } from "../src/db/client.ts";
import { findRows, sqliteDateText, type FastModel } from "../src/db/fast-find.ts";
import { LabDraft } from "../src/store/lab/state.ts";
import { toLabSnapshot } from "../src/store/lab/snapshot.ts";
import { intuneSnapshot } from "../src/store/intune/snapshot.ts";
import { entraSnapshot } from "../src/store/entra/snapshot.ts";
import { Prisma } from "../src/generated/sqlite/client.ts";

let t: TestApp;
let token: string;
const statements: string[] = [];
const tenantId = DEMO.contoso.tenantId;
const auth = () => ({ Authorization: `Bearer ${token}` });
/** The same reads through Prisma: a transaction client has no fast reader (findRows sends its SQL with $queryRaw). */
const inTransaction = <T>(fn: (tx: Db) => Promise<T>) => t.db.$transaction((tx) => fn(tx as Db));

beforeAll(async () => {
  t = await createTestApp({ onQuery: (sql) => statements.push(sql) });
  token = await bearerFor(t.app, users.admin.upn);
  // The complete setup: a lab with connectors, Intune profiles with assignments, an application with its groups.
  await expectStatus(request(t.app).post("/api/lab/reset").set(auth()).send({ scenario: "complete" }));
  const sp = await t.db.servicePrincipal.findFirstOrThrow({ where: { tenantId } });
  await t.db.appRoleAssignment.create({
    data: { id: "3f0c2b7e-9d4a-4e61-8b2f-6a1d5c7e9f02", tenantId, resourceId: sp.id, principalId: users.reader.id, principalType: "User", principalDisplayName: "Reader", appRoleId: "00000000-0000-0000-0000-000000000000" },
  });
  // A row written by SQL, not by Prisma: a NULL, a false and a date in the database's own format.
  await t.db.$executeRaw(
    Prisma.sql`INSERT INTO "ConnectorGroup" ("id", "tenantId", "name", "region", "isDefault", "createdDateTime") VALUES ('8e1a3c52-4c1f-4d0a-9a41-0d2f1c3b5e70', ${tenantId}, 'Written by SQL', NULL, false, '2026-01-02 03:04:05')`,
  );
});
afterAll(async () => {
  await t?.close();
});

const MODELS: FastModel[] = [
  "tenant",
  "domain",
  "labObject",
  "certificateConnector",
  "appProxyConnector",
  "connectorGroup",
  "deviceConfiguration",
  "deviceConfigurationAssignment",
  "application",
  "servicePrincipal",
  "appRoleAssignment",
];

describe("findRows answers what Prisma's findMany answers", () => {
  it("every column of every model, typed as Prisma types it", async () => {
    for (const model of MODELS) {
      const where = model === "tenant" ? { id: tenantId } : { tenantId };
      const args = { where, orderBy: { id: "asc" as const } };
      const fast = await findRows(t.db, model, args as never);
      const prisma = await (t.db[model] as unknown as { findMany(a: unknown): Promise<unknown[]> }).findMany(args);
      expect(fast.length, model).toBeGreaterThan(0);
      expect(fast, model).toEqual(prisma);
      expect(await inTransaction((tx) => findRows(tx, model, args as never)), `${model} in a transaction`).toEqual(prisma);
    }
  });

  it("select, in-lists, booleans, nulls and descending order", async () => {
    const servers = await findRows(t.db, "labObject", { where: { tenantId, kind: "server" }, select: { id: true } });
    const args = {
      where: { tenantId, kind: "server", id: { in: servers.slice(0, 2).map((s) => s.id) } },
      select: { id: true, name: true, version: true, createdDateTime: true } as const,
      orderBy: [{ name: "desc" as const }],
    };
    const servers2 = await findRows(t.db, "labObject", args);
    expect(servers2).toHaveLength(2);
    expect(servers2).toEqual(await t.db.labObject.findMany(args));
    expect(await inTransaction((tx) => findRows(tx, "labObject", args))).toEqual(servers2);
    const groups = { where: { tenantId }, orderBy: [{ isDefault: "desc" as const }, { name: "asc" as const }] };
    const fast = await findRows(t.db, "connectorGroup", groups);
    expect(fast).toEqual(await t.db.connectorGroup.findMany(groups));
    expect(await inTransaction((tx) => findRows(tx, "connectorGroup", groups))).toEqual(fast);
    const raw = fast.find((g) => g.name === "Written by SQL")!;
    expect(raw).toMatchObject({ region: null, isDefault: false, createdDateTime: new Date("2026-01-02T03:04:05Z") });
    expect(await findRows(t.db, "connectorGroup", { where: { tenantId, region: null }, select: { id: true } })).toEqual([{ id: raw.id }]);
    expect(await findRows(t.db, "labObject", { where: { tenantId, id: { in: [] } } })).toEqual([]);
  });

  it("SQLite's date text is read the way Prisma reads it", () => {
    expect(sqliteDateText("2026-01-02 03:04:05")).toBe("2026-01-02T03:04:05Z");
    expect(sqliteDateText("2026-01-02T03:04:05.123+00:00")).toBe("2026-01-02T03:04:05.123+00:00");
    expect(sqliteDateText("2026-01-02T03:04:05+02")).toBe("2026-01-02T03:04:05+02:00");
    expect(sqliteDateText("2026-01-02")).toBe("2026-01-02T00:00:00Z");
  });
});

describe("the lab, Intune and Entra read on the fast path equal the same reads through Prisma", () => {
  it("LabDraft.load", async () => {
    const fast = await LabDraft.load(t.db, tenantId);
    expect(fast.objects.size).toBeGreaterThan(5);
    expect(fast.intune.size + fast.appx.size).toBeGreaterThan(0);
    expect(fast).toEqual(await inTransaction((tx) => LabDraft.load(tx, tenantId)));
    // The snapshot's read-only draft: the same lab, no JSON kept to compare, and it cannot be written back.
    const readOnly = await LabDraft.load(t.db, tenantId, { readOnly: true });
    const now = new Date();
    expect(toLabSnapshot(readOnly, now)).toEqual(toLabSnapshot(fast, now));
    await expect(inTransaction((tx) => readOnly.commit(tx))).rejects.toThrow(/read-only/);
  });

  it("the Intune and Entra snapshots", async () => {
    const asOf = new Date();
    const intune = await intuneSnapshot(t.db, tenantId, asOf);
    expect(intune?.profiles.length).toBeGreaterThan(0);
    expect(intune).toEqual(await inTransaction((tx) => intuneSnapshot(tx, tenantId, asOf)));
    const entra = await entraSnapshot(t.db, tenantId);
    expect(entra?.applications.length).toBeGreaterThan(0);
    expect(entra).toEqual(await inTransaction((tx) => entraSnapshot(tx, tenantId)));
  });
});

describe("statements of a lab console write and of the findings after it", () => {
  it("a PATCH and the findings after it send no statement through Prisma's query compiler", async () => {
    const servers = await expectStatus(request(t.app).get("/api/lab/servers").set(auth()));
    const id = (servers.body.value as { id: string; name: string }[]).find((s) => s.name === "NDES01")!.id;
    const url = `/api/tenants/${tenantId}/findings`;
    await expectStatus(request(t.app).get(url).set(auth())); // the directory part cached
    // Prisma's compiled SQL names the schema (`main`.`X` on SQLite, "public"."X" on PostgreSQL); findRows' does not.
    const compiled = (sql: string[]) => sql.filter((q) => /`main`\.|"public"\./.test(q));
    // The first edit also marks the server for restart (a second row); the next ones change the NDES row only.
    await expectStatus(request(t.app).patch(`/api/lab/servers/${id}/registry/mscep`).set(auth()).send({ HashAlgorithm: "SHA384" }));
    for (const value of ["SHA512", "SHA256"]) {
      statements.length = 0;
      await expectStatus(request(t.app).patch(`/api/lab/servers/${id}/registry/mscep`).set(auth()).send({ HashAlgorithm: value }));
      // In the write transaction, all as raw SQL: the lab's four reads, the one changed row, the audit record.
      expect(compiled(statements), "PATCH: Prisma-compiled statements").toEqual([]);
      expect(statements.filter((q) => /^\s*SELECT\b.*FROM "(LabObject|CertificateConnector|AppProxyConnector|ConnectorGroup)"/s.test(q))).toHaveLength(4);
      expect(statements.filter((q) => /^\s*(UPDATE|INSERT|DELETE)\b/.test(q)).map((q) => q.split(" (")[0]!.split(" SET")[0])).toEqual(['UPDATE "LabObject"', 'INSERT INTO "AuditLog"']);
      statements.length = 0;
      await expectStatus(request(t.app).get(url).set(auth()));
      expect(compiled(statements), "findings after a lab write, through Prisma").toEqual([]);
    }
  });
});
