// The rule catalogue (GET /api/rules) and a tenant evaluated against it (GET /api/tenants/{id}/findings),
// reacting to directory changes made through Graph.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { SKU_IDS } from "@certlab/domain/directory/licenses";
import { bearerFor, createTestApp, DEMO, signIn, users, type TestApp } from "./harness.ts";
import { expectGraphError, GRAPH } from "./helpers.ts";

let t: TestApp;
let admin: Record<string, string>;
const api = () => request(t.app);

type Finding = { code: string; severity: "error" | "warning" | "info"; title: string; message: string; fix: string; objects: { type: string; id: string; displayName: string }[] };

beforeAll(async () => {
  t = await createTestApp();
  admin = { Authorization: `Bearer ${await bearerFor(t.app, users.admin.upn)}` };
});
afterAll(async () => {
  await t.close();
});

async function findings(headers: Record<string, string>, tenantId = DEMO.contoso.tenantId) {
  const res = await api().get(`/api/tenants/${tenantId}/findings`).set(headers);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { value: Finding[]; summary: { error: number; warning: number; info: number } };
}

describe("GET /api/rules", () => {
  it("lists the implemented rules with their metadata, without signing in", async () => {
    const res = await api().get("/api/rules");
    expect(res.status).toBe(200);
    const rules = res.body.value as Record<string, unknown>[];
    const codes = rules.map((r) => r.code);
    expect(codes).toEqual(expect.arrayContaining(["APPX_LICENSE_MISSING", "CONN_NO_ELIGIBLE_SIGNIN_ACCOUNT"]));
    expect(new Set(codes).size).toBe(codes.length);
    const appx = rules.find((r) => r.code === "APPX_LICENSE_MISSING")!;
    expect(appx).toMatchObject({ severity: "error", area: "entra" });
    for (const key of ["title", "why", "fix", "symptom"]) expect(typeof appx[key] === "string" && (appx[key] as string).length > 10, key).toBe(true);
    expect(appx.sources).toEqual(expect.arrayContaining(["003_43f76a8e56847852.txt"]));
    for (const r of rules) {
      expect(["error", "warning", "info"]).toContain(r.severity);
      expect(r.check).toBeUndefined();
    }
  });
});

describe("GET /api/tenants/{id}/findings", () => {
  it("the demo Contoso has no errors or warnings", async () => {
    const f = await findings(admin);
    expect(f.value.filter((x) => x.severity !== "info")).toEqual([]);
    expect(f.summary).toMatchObject({ error: 0, warning: 0 });
    // Any role may read the findings; case of the id doesn't matter.
    const reader = { Authorization: `Bearer ${await bearerFor(t.app, users.reader.upn)}` };
    expect((await api().get(`/api/tenants/${DEMO.contoso.tenantId.toUpperCase()}/findings`).set(reader)).status).toBe(200);
  });

  it("Fabrikam (no Entra ID P1) shows APPX_LICENSE_MISSING once switched to it", async () => {
    const { agent, csrf } = await signIn(t.app, users.admin.upn);
    expectGraphError(await agent.get(`/api/tenants/${DEMO.fabrikam.tenantId}/findings`), 404);
    await agent.post("/api/session/switch").set("X-CSRF-Token", csrf).send({ tenantId: DEMO.fabrikam.tenantId });
    const res = await agent.get(`/api/tenants/${DEMO.fabrikam.tenantId}/findings`);
    expect(res.status).toBe(200);
    const appx = (res.body.value as Finding[]).find((x) => x.code === "APPX_LICENSE_MISSING");
    expect(appx).toMatchObject({ severity: "error", objects: [{ type: "tenant", id: DEMO.fabrikam.tenantId, displayName: "Fabrikam" }] });
    expect(appx!.message).toContain("INTUNE_A");
    expect(res.body.summary.error).toBeGreaterThanOrEqual(1);
    // Sorted by severity: errors first.
    const order = { error: 0, warning: 1, info: 2 };
    const sev = (res.body.value as Finding[]).map((x) => order[x.severity]);
    expect([...sev].sort()).toEqual(sev);
    // ... and now Contoso is the other tenant.
    expectGraphError(await agent.get(`/api/tenants/${DEMO.contoso.tenantId}/findings`), 404);
  });

  it("another tenant's id or a non-id is 404; not signed in is 401", async () => {
    expectGraphError(await api().get(`/api/tenants/${DEMO.fabrikam.tenantId}/findings`).set(admin), 404);
    expectGraphError(await api().get("/api/tenants/00000000-0000-0000-0000-000000000000/findings").set(admin), 404);
    expectGraphError(await api().get("/api/tenants/contoso/findings").set(admin), 404);
    expectGraphError(await api().get(`/api/tenants/${DEMO.contoso.tenantId}/findings`), 401);
  });

  it("removing the licence from every Intune-capable admin raises CONN_NO_ELIGIBLE_SIGNIN_ACCOUNT; restoring one clears it", async () => {
    const assign = (userId: string, body: Record<string, unknown>) => api().post(`${GRAPH}/users/${userId}/assignLicense`).set(admin).send(body);
    for (const u of [users.admin, users.intuneAdmin]) {
      expect((await assign(u.id, { addLicenses: [], removeLicenses: [SKU_IDS.EMS] })).status).toBe(200);
    }
    const f = await findings(admin);
    const conn = f.value.find((x) => x.code === "CONN_NO_ELIGIBLE_SIGNIN_ACCOUNT");
    expect(conn, JSON.stringify(f.value.map((x) => x.code))).toMatchObject({ severity: "warning" });
    expect(conn!.message).toContain(users.admin.upn);
    expect(conn!.message).toContain(users.intuneAdmin.upn);
    expect(conn!.objects.map((o) => o.id)).toEqual(expect.arrayContaining([users.admin.id, users.intuneAdmin.id]));
    expect(f.summary.warning).toBeGreaterThanOrEqual(1);

    // Licensing the Intune Administrator again is enough.
    expect((await assign(users.intuneAdmin.id, { addLicenses: [{ skuId: SKU_IDS.EMS }], removeLicenses: [] })).status).toBe(200);
    expect((await findings(admin)).value.map((x) => x.code)).not.toContain("CONN_NO_ELIGIBLE_SIGNIN_ACCOUNT");

    // Disabling that only licensed admin raises it again.
    expect((await api().patch(`${GRAPH}/users/${users.intuneAdmin.id}`).set(admin).send({ accountEnabled: false })).status).toBe(204);
    expect((await findings(admin)).value.map((x) => x.code)).toContain("CONN_NO_ELIGIBLE_SIGNIN_ACCOUNT");
    expect((await api().patch(`${GRAPH}/users/${users.intuneAdmin.id}`).set(admin).send({ accountEnabled: true })).status).toBe(204);
    expect((await findings(admin)).value.map((x) => x.code)).not.toContain("CONN_NO_ELIGIBLE_SIGNIN_ACCOUNT");
  });

  it("removing the only Application Administrator's role raises a finding about connector registration", async () => {
    const assignments = (await api().get(`${GRAPH}/roleManagement/directory/roleAssignments`).query({ $filter: `principalId eq '${users.appAdmin.id}'` }).set(admin)).body.value as { id: string }[];
    expect(assignments).toHaveLength(1);
    // Global Administrator also counts, so this stays quiet while admin@ is a Global Administrator...
    expect((await api().delete(`${GRAPH}/roleManagement/directory/roleAssignments/${assignments[0]!.id}`).set(admin)).status).toBe(204);
    const codes = (await findings(admin)).value.map((x) => x.code);
    expect(codes).not.toContain("APPX_NO_APP_ADMIN");
    // ...and fires once the only Global Administrator is disabled (changed directly: the API refuses self-lockout paths).
    await t.db.user.update({ where: { id: users.admin.id }, data: { accountEnabled: false } });
    const reader = { Authorization: `Bearer ${await bearerFor(t.app, users.reader.upn)}` };
    const after = (await findings(reader)).value.map((x) => x.code);
    expect(after).toContain("APPX_NO_APP_ADMIN");
    await t.db.user.update({ where: { id: users.admin.id }, data: { accountEnabled: true } });
  });
});
