// The tenant snapshot cache (store/tenant-cache.ts, issue 9): findings asked for again without a change are served
// from the cache (no lab, Intune or Entra table is read: only the revision counters), and any change to what the
// rules see, from this API or from another client of the same database (another API process), is in the very next
// answer, because the database's own triggers bump the tenant's counters in the writing transaction. Writes the
// rules do not read (audit log, API tokens) leave the cache alone. Runs on SQLite and on PostgreSQL.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { bearerFor, createTestApp, DEMO, expectStatus, users, type TestApp } from "./harness.ts";
import { createApp } from "../src/app.ts";
import { createDb, type Db } from "../src/db/client.ts";
import { repoRoot } from "../src/paths.ts";
import { clearTenantCache, revisionsOf } from "../src/store/tenant-cache.ts";

let t: TestApp;
const statements: string[] = [];
let token: string;
let other: { db: Db; app: ReturnType<typeof createApp> };
const tenantId = DEMO.contoso.tenantId;
const findingsUrl = `/api/tenants/${tenantId}/findings`;
const auth = () => ({ Authorization: `Bearer ${token}` });

async function findings(app = t.app) {
  statements.length = 0;
  const res = await expectStatus(request(app).get(findingsUrl).set(auth()));
  return { codes: (res.body.value as { code: string }[]).map((f) => f.code), sql: [...statements] };
}

async function ndesServerId(): Promise<string> {
  const res = await expectStatus(request(t.app).get("/api/lab/servers").set(auth()));
  const ndes = (res.body.value as { id: string; name: string }[]).find((s) => s.name === "NDES01");
  expect(ndes, "the correct lab has NDES01").toBeTruthy();
  return ndes!.id;
}

beforeAll(async () => {
  t = await createTestApp({ onQuery: (sql) => statements.push(sql) });
  token = await bearerFor(t.app, users.admin.upn);
  await expectStatus(request(t.app).post("/api/lab/reset").set(auth()).send({ scenario: "correct" }));
  const db = await createDb(t.databaseUrl);
  other = { db, app: createApp({ db, databaseUrl: t.databaseUrl, webRoot: path.join(repoRoot, ".tmp/no-web") }) };
});
afterAll(async () => {
  await other?.db.$disconnect();
  await t?.close();
});

const readsTable = (sql: string[], table: string) => sql.some((q) => new RegExp(`FROM\\s+[^;]*[\`"]${table}[\`"]`, "i").test(q) && /^\s*SELECT/i.test(q));

describe("findings come from the tenant cache until something the rules read changes", () => {
  it("a second request reads only the revision counters, and gives the same findings", async () => {
    clearTenantCache(t.db);
    const first = await findings();
    const second = await findings();
    expect(second.codes).toEqual(first.codes);
    expect(readsTable(first.sql, "LabObject"), "the first request reads the lab").toBe(true);
    for (const table of ["LabObject", "DeviceConfiguration", "Application", "ConnectorGroup", "SubscribedSku"]) expect(readsTable(second.sql, table), `second request reads ${table}`).toBe(false);
    expect(readsTable(second.sql, "TenantRevision")).toBe(true);
  });

  it("a lab change through this API, or through another client of the database (another API process), is in the next answer", async () => {
    const id = await ndesServerId();
    expect((await findings()).codes).not.toContain("NDES_NOT_RESTARTED");
    // An MSCEP registry edit leaves NDES waiting for its restart (seed 000): the rules say so at once.
    await expectStatus(request(t.app).patch(`/api/lab/servers/${id}/registry/mscep`).set(auth()).send({ HashAlgorithm: "SHA512" }));
    expect((await findings()).codes).toContain("NDES_NOT_RESTARTED");
    // The other process (its cache warm first) resets the lab: this process's next answer has the reset lab.
    await findings(other.app);
    await expectStatus(request(other.app).post("/api/lab/reset").set(auth()).send({ scenario: "correct" }));
    expect((await findings()).codes).not.toContain("NDES_NOT_RESTARTED");
    // And the other way round: this process edits, the other (warm) process sees it.
    await findings(other.app);
    await expectStatus(request(t.app).patch(`/api/lab/servers/${await ndesServerId()}/registry/mscep`).set(auth()).send({ HashAlgorithm: "SHA512" }));
    expect((await findings(other.app)).codes).toContain("NDES_NOT_RESTARTED");
    await expectStatus(request(t.app).post("/api/lab/reset").set(auth()).send({ scenario: "correct" }));
  });

  it("a directory change (a user disabled by a raw SQL write) bumps the directory counter only", async () => {
    const before = (await revisionsOf(t.db, tenantId))!;
    await other.db.user.updateMany({ where: { tenantId, userPrincipalName: users.reader.upn }, data: { displayName: "Reader (renamed by another process)" } });
    const after = (await revisionsOf(t.db, tenantId))!;
    expect(after.directory).toBeGreaterThan(before.directory);
    expect({ lab: after.lab, intune: after.intune, entra: after.entra }).toEqual({ lab: before.lab, intune: before.intune, entra: before.entra });
  });

  it("writes the rules do not read (a new API token, the audit log) leave every counter as it was", async () => {
    const before = await revisionsOf(t.db, tenantId);
    await bearerFor(t.app, users.admin.upn);
    expect(await revisionsOf(t.db, tenantId)).toEqual(before);
  });

  it("another tenant's write leaves this tenant's counters alone", async () => {
    const before = await revisionsOf(t.db, tenantId);
    await other.db.user.updateMany({ where: { tenantId: DEMO.fabrikam.tenantId }, data: { jobTitle: "Tester" } });
    expect(await revisionsOf(t.db, tenantId)).toEqual(before);
    expect((await revisionsOf(t.db, DEMO.fabrikam.tenantId))!.directory).toBeGreaterThan(0);
  });
});

describe("the SCEP endpoint reads the lab from the same counters (scep/ndes-service.ts scepLab)", () => {
  const caps = (app = t.app) => request(app).get(`/scep/${tenantId}/ndes01.corp.contoso.com/certsrv/mscep/mscep.dll?operation=GetCACaps&message=default`);

  it("a repeated GetCACaps reads no lab table; the app pool stopped by another process is the next answer's 503", async () => {
    await expectStatus(request(t.app).post("/api/lab/reset").set(auth()).send({ scenario: "correct" }));
    expect((await caps()).status).toBe(200);
    statements.length = 0;
    expect((await caps()).status).toBe(200);
    for (const table of ["LabObject", "CertificateConnector", "AppProxyConnector", "ConnectorGroup"]) expect(readsTable(statements, table), `a cached GetCACaps reads ${table}`).toBe(false);
    expect(readsTable(statements, "TenantRevision")).toBe(true);

    // The other API process stops the SCEP application pool: this process answers as IIS then does, at once.
    const id = await ndesServerId();
    await expectStatus(request(other.app).patch(`/api/lab/servers/${id}/iis/app-pools/SCEP`).set(auth()).send({ state: "stopped" }));
    const stopped = await caps();
    expect(stopped.status).toBe(503);
    expect(stopped.headers["x-certlab-reason-codes"]).toContain("NDES_APPPOOL_STOPPED");
    await expectStatus(request(t.app).patch(`/api/lab/servers/${id}/iis/app-pools/SCEP`).set(auth()).send({ state: "started" }));
    expect((await caps(other.app)).status).toBe(200);
    await expectStatus(request(t.app).post("/api/lab/reset").set(auth()).send({ scenario: "correct" }));
  });
});
