// Tenant isolation: a principal acts in its own directory only. Another directory's objects answer 404 on
// every verb (never 403, which would reveal that they exist), and never appear in lists.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { bearerFor, createTestApp, DEMO, signIn, users, type TestApp } from "./harness.ts";
import { expectGraphError, GRAPH, insertUser, newGroupBody } from "./helpers.ts";

let t: TestApp;
let contoso: Record<string, string>;
let fabrikam: Record<string, string>;
let fabUserId: string;
let fabGroupId: string;
let fabAssignmentId: string;
const api = () => request(t.app);

beforeAll(async () => {
  t = await createTestApp();
  contoso = { Authorization: `Bearer ${await bearerFor(t.app, users.admin.upn)}` };
  // A token for the same person, created after switching to Fabrikam.
  const { agent, csrf } = await signIn(t.app, users.admin.upn);
  await agent.post("/api/session/switch").set("X-CSRF-Token", csrf).send({ tenantId: DEMO.fabrikam.tenantId });
  fabrikam = { Authorization: `Bearer ${(await agent.post("/api/tokens").set("X-CSRF-Token", csrf).send({ displayName: "fab" })).body.token}` };

  fabUserId = await insertUser(t.db, DEMO.fabrikam.tenantId, "alex@fabrikam.onmicrosoft.com", { displayName: "Alex Fabrikam" });
  const g = await api().post(`${GRAPH}/groups`).set(fabrikam).send(newGroupBody("Fabrikam Secret Group", {
    "members@odata.bind": [`https://graph.microsoft.com/v1.0/directoryObjects/${fabUserId}`],
  }));
  expect(g.status).toBe(201);
  fabGroupId = g.body.id as string;
  fabAssignmentId = `${DEMO.fabrikam.adminUserId}-role`;
});
afterAll(async () => {
  await t.close();
});

describe("another directory's objects are 404 on every verb", () => {
  it("users", async () => {
    const before = await t.db.user.findUniqueOrThrow({ where: { id: fabUserId } });
    expectGraphError(await api().get(`${GRAPH}/users/${fabUserId}`).set(contoso), 404, { code: "Request_ResourceNotFound" });
    expectGraphError(await api().get(`${GRAPH}/users/alex@fabrikam.onmicrosoft.com`).set(contoso), 404);
    expectGraphError(await api().patch(`${GRAPH}/users/${fabUserId}`).set(contoso).send({ jobTitle: "Pwned" }), 404);
    expectGraphError(await api().delete(`${GRAPH}/users/${fabUserId}`).set(contoso), 404);
    expectGraphError(await api().post(`${GRAPH}/users/${fabUserId}/assignLicense`).set(contoso).send({ addLicenses: [], removeLicenses: [] }), 404);
    expectGraphError(await api().get(`${GRAPH}/users/${fabUserId}/memberOf`).set(contoso), 404);
    expectGraphError(await api().get(`${GRAPH}/directoryObjects/${fabUserId}`).set(contoso), 404);
    expect(await t.db.user.findUniqueOrThrow({ where: { id: fabUserId } })).toEqual(before);
  });

  it("groups and membership", async () => {
    expectGraphError(await api().get(`${GRAPH}/groups/${fabGroupId}`).set(contoso), 404);
    expectGraphError(await api().get(`${GRAPH}/groups/${fabGroupId}/members`).set(contoso), 404);
    expectGraphError(await api().patch(`${GRAPH}/groups/${fabGroupId}`).set(contoso).send({ displayName: "Pwned" }), 404);
    expectGraphError(await api().delete(`${GRAPH}/groups/${fabGroupId}`).set(contoso), 404);
    expectGraphError(await api().post(`${GRAPH}/groups/${fabGroupId}/members/$ref`).set(contoso).send({ "@odata.id": `https://graph.microsoft.com/v1.0/directoryObjects/${users.admin.id}` }), 404);
    expectGraphError(await api().delete(`${GRAPH}/groups/${fabGroupId}/members/${fabUserId}/$ref`).set(contoso), 404);
    // Adding a Fabrikam user to a Contoso group, or binding one at creation, doesn't work either.
    expectGraphError(await api().post(`${GRAPH}/groups/${DEMO.contoso.pilotGroupId}/members/$ref`).set(contoso).send({ "@odata.id": `https://graph.microsoft.com/v1.0/directoryObjects/${fabUserId}` }), 404);
    const bind = await api().post(`${GRAPH}/groups`).set(contoso).send(newGroupBody("Cross Bind", { "members@odata.bind": [`https://graph.microsoft.com/v1.0/directoryObjects/${fabUserId}`] }));
    expect(bind.status).toBe(404);

    const g = await t.db.group.findUniqueOrThrow({ where: { id: fabGroupId } });
    expect(g.displayName).toBe("Fabrikam Secret Group");
    expect(await t.db.groupMember.count({ where: { groupId: fabGroupId } })).toBe(1);
    expect(await t.db.groupMember.count({ where: { memberId: fabUserId } })).toBe(1);
    expect(await t.db.group.count({ where: { displayName: "Cross Bind" } })).toBe(0);
  });

  it("role assignments, organization, audit log and findings", async () => {
    expectGraphError(await api().get(`${GRAPH}/roleManagement/directory/roleAssignments/${fabAssignmentId}`).set(contoso), 404);
    expectGraphError(await api().delete(`${GRAPH}/roleManagement/directory/roleAssignments/${fabAssignmentId}`).set(contoso), 404);
    expect(await t.db.roleAssignment.count({ where: { id: fabAssignmentId } })).toBe(1);
    expectGraphError(await api().get(`${GRAPH}/organization/${DEMO.fabrikam.tenantId}`).set(contoso), 404);
    expectGraphError(await api().patch(`${GRAPH}/organization/${DEMO.fabrikam.tenantId}`).set(contoso).send({ displayName: "Pwned" }), 404);
    expectGraphError(await api().get(`/api/tenants/${DEMO.fabrikam.tenantId}/findings`).set(contoso), 404);
    expectGraphError(await api().get(`/api/tenants/${DEMO.contoso.tenantId}/findings`).set(fabrikam), 404);
    const fabAudit = await t.db.auditLog.findFirstOrThrow({ where: { tenantId: DEMO.fabrikam.tenantId } });
    expectGraphError(await api().get(`${GRAPH}/auditLogs/directoryAudits/${fabAudit.id}`).set(contoso), 404);
  });
});

describe("lists never include another directory's objects", () => {
  it("users, groups, role assignments, memberOf and audits stay in their directory", async () => {
    const cUsers = (await api().get(`${GRAPH}/users`).set(contoso)).body.value.map((u: { id: string }) => u.id);
    expect(cUsers).not.toContain(fabUserId);
    expect(cUsers).not.toContain(DEMO.fabrikam.adminUserId);
    const fUsers = (await api().get(`${GRAPH}/users`).set(fabrikam)).body.value.map((u: { id: string }) => u.id).sort();
    expect(fUsers).toEqual([DEMO.fabrikam.adminUserId, fabUserId].sort());

    const filtered = await api().get(`${GRAPH}/users`).query({ $filter: `id eq '${fabUserId}'`, $count: "true" }).set(contoso);
    expect(filtered.body.value).toEqual([]);
    expect(filtered.body["@odata.count"]).toBe(0);
    expect((await api().get(`${GRAPH}/users/$count`).set(contoso)).text).toBe("4");

    const cGroups = (await api().get(`${GRAPH}/groups`).set(contoso)).body.value.map((g: { displayName: string }) => g.displayName);
    expect(cGroups).not.toContain("Fabrikam Secret Group");
    expect((await api().get(`${GRAPH}/groups`).set(fabrikam)).body.value.map((g: { id: string }) => g.id)).toEqual([fabGroupId]);

    const cAssign = (await api().get(`${GRAPH}/roleManagement/directory/roleAssignments`).set(contoso)).body.value.map((a: { principalId: string }) => a.principalId);
    expect(cAssign).not.toContain(DEMO.fabrikam.adminUserId);
    const cAudits = (await api().get(`${GRAPH}/auditLogs/directoryAudits`).set(contoso)).body.value as { targetResources: { id: string }[] }[];
    expect(cAudits.flatMap((a) => a.targetResources.map((r) => r.id))).not.toContain(fabGroupId);

    // The same person's membership list differs per directory.
    expect((await api().get(`${GRAPH}/me/memberOf`).set(contoso)).body.value.map((g: { id: string }) => g.id)).toEqual([DEMO.contoso.pilotGroupId]);
    expect((await api().get(`${GRAPH}/me/memberOf`).set(fabrikam)).body.value).toEqual([]);
  });

  it("subscribedSkus and domains are per directory", async () => {
    const c = (await api().get(`${GRAPH}/subscribedSkus`).set(contoso)).body.value.map((s: { skuPartNumber: string }) => s.skuPartNumber);
    const f = (await api().get(`${GRAPH}/subscribedSkus`).set(fabrikam)).body.value.map((s: { skuPartNumber: string }) => s.skuPartNumber);
    expect(c).toEqual(["EMS"]);
    expect(f).toEqual(["INTUNE_A"]);
    const d = (await api().get(`${GRAPH}/domains`).set(fabrikam)).body.value.map((x: { id: string }) => x.id);
    expect(d).toEqual([DEMO.fabrikam.domain]);
    expectGraphError(await api().get(`${GRAPH}/domains/${DEMO.contoso.domain}`).set(fabrikam), 404);
  });

  it("a user created in one directory can't reuse a UPN on the other's domain", async () => {
    const res = await api().post(`${GRAPH}/users`).set(contoso).send({
      accountEnabled: true,
      displayName: "Sneaky",
      mailNickname: "sneaky",
      userPrincipalName: "sneaky@fabrikam.onmicrosoft.com",
      passwordProfile: { password: "Sneaky-Passw0rd!" },
    });
    expectGraphError(res, 400, { message: "userPrincipalName" });
  });
});
