// /organization (v1.0 and beta) and /auditLogs/directoryAudits: every change is audited with who, what and
// old → new; a refused change records nothing and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { SKU_IDS } from "@certlab/domain/directory/licenses";
import { bearerFor, createTestApp, DEMO, signIn, users, type TestApp } from "./harness.ts";
import { expectGraphError, GRAPH, newGroupBody, newUserBody, targetsOf } from "./helpers.ts";

const CONTOSO = DEMO.contoso.tenantId;
const AUDITS = `${GRAPH}/auditLogs/directoryAudits`;

let t: TestApp;
let admin: Record<string, string>;
let reader: Record<string, string>;
const api = () => request(t.app);

beforeAll(async () => {
  t = await createTestApp();
  admin = { Authorization: `Bearer ${await bearerFor(t.app, users.admin.upn)}` };
  reader = { Authorization: `Bearer ${await bearerFor(t.app, users.reader.upn)}` };
});
afterAll(async () => {
  await t.close();
});

type Audit = {
  id: string;
  activityDisplayName: string;
  operationType: string;
  correlationId: string;
  result: string;
  initiatedBy: { user: { id: string; userPrincipalName: string } | null; app: { displayName: string } | null };
  targetResources: { id: string; type: string; displayName: string; userPrincipalName?: string; modifiedProperties: { displayName: string; oldValue: string; newValue: string }[] }[];
};

async function audits(): Promise<Audit[]> {
  const res = await api().get(AUDITS).query({ $top: "999" }).set(admin);
  expect(res.status).toBe(200);
  return res.body.value as Audit[];
}

/** The audit line a request produced: correlated by the response's request-id. */
async function auditOf(res: request.Response): Promise<Audit> {
  const requestId = res.headers["request-id"] as string;
  const matches = (await audits()).filter((a) => a.correlationId === requestId);
  expect(matches, `one audit line for request ${requestId}`).toHaveLength(1);
  return matches[0]!;
}

/** old → new of one modified property, parsed from Graph's JSON-text values. */
function change(a: Audit, property: string, target = 0): { old: unknown; new: unknown } {
  const m = a.targetResources[target]!.modifiedProperties.find((p) => p.displayName === property);
  expect(m, `${a.activityDisplayName} modifies ${property}: ${JSON.stringify(a.targetResources)}`).toBeTruthy();
  const parse = (v: string | null) => (v === null || v === "" ? null : JSON.parse(v));
  return { old: parse(m!.oldValue), new: parse(m!.newValue) };
}

describe("organization", () => {
  it("GET /organization: the signed-in tenant with verifiedDomains and @odata.context, on beta and v1.0", async () => {
    for (const version of ["beta", "v1.0"]) {
      const res = await api().get(`/graph/${version}/organization`).set(reader);
      expect(res.status).toBe(200);
      expect(res.body["@odata.context"]).toMatch(new RegExp(`/graph/${version.replace(".", "\\.")}/\\$metadata#organization$`));
      expect(res.body.value).toHaveLength(1);
      expect(res.body.value[0]).toMatchObject({
        "@odata.type": "#microsoft.graph.organization",
        id: CONTOSO,
        displayName: "Contoso",
        tenantType: "AAD",
        verifiedDomains: [{ name: "contoso.onmicrosoft.com", type: "Managed", isDefault: true, isInitial: true, capabilities: "Email, OfficeCommunicationsOnline" }],
      });
    }
    const one = await api().get(`${GRAPH}/organization/${CONTOSO}`).set(reader);
    expect(one.status).toBe(200);
    expect(one.body["@odata.context"]).toMatch(/\$metadata#organization\/\$entity$/);
    expect(one.headers.etag).toMatch(/^W\/"\d+"$/);
    expectGraphError(await api().get(`${GRAPH}/organization/${DEMO.fabrikam.tenantId}`).set(admin), 404);
  });

  it("PATCH → 204, visible on GET and audited with old → new", async () => {
    const res = await api().patch(`${GRAPH}/organization/${CONTOSO}`).set(admin).send({
      displayName: "Contoso Lab",
      technicalNotificationMails: ["pki-team@contoso.com"],
      privacyProfile: { contactEmail: "privacy@contoso.com" },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(204);
    const org = (await api().get(`/graph/v1.0/organization`).set(reader)).body.value[0];
    expect(org).toMatchObject({ displayName: "Contoso Lab", technicalNotificationMails: ["pki-team@contoso.com"], privacyProfile: { contactEmail: "privacy@contoso.com" } });

    const a = await auditOf(res);
    expect(a).toMatchObject({ activityDisplayName: "Update company settings", operationType: "Update", result: "success" });
    expect(a.initiatedBy.user).toMatchObject({ id: users.admin.id, userPrincipalName: users.admin.upn });
    expect(a.targetResources[0]).toMatchObject({ id: CONTOSO, type: "Directory" });
    expect(change(a, "displayName")).toEqual({ old: "Contoso", new: "Contoso Lab" });
    expect(change(a, "technicalNotificationMails")).toEqual({ old: null, new: ["pki-team@contoso.com"] });

    // Put the name back for the other tests.
    expect((await api().patch(`${GRAPH}/organization/${CONTOSO}`).set(admin).send({ displayName: "Contoso" })).status).toBe(204);
  });

  it("refuses invalid settings naming the field, and another tenant's id with 404", async () => {
    const bad = await api().patch(`${GRAPH}/organization/${CONTOSO}`).set(admin).send({ technicalNotificationMails: ["not-an-email"] });
    expectGraphError(bad, 400, { message: "technicalNotificationMails" });
    expect(targetsOf(bad)).toContain("technicalNotificationMails[0]");
    expectGraphError(await api().patch(`${GRAPH}/organization/${CONTOSO}`).set(admin).send({ tenantType: "B2C" }), 400, { message: "tenantType" });
    expectGraphError(await api().patch(`${GRAPH}/organization/${DEMO.fabrikam.tenantId}`).set(admin).send({ displayName: "Taken over" }), 404);
    const fab = await t.db.tenant.findUniqueOrThrow({ where: { id: DEMO.fabrikam.tenantId } });
    expect(fab.displayName).toBe("Fabrikam");
  });
});

describe("auditLogs/directoryAudits", () => {
  it("records user changes: Add user, Update user (old → new), Change user license, Delete user", async () => {
    const body = { ...newUserBody("audited"), jobTitle: "Clerk", usageLocation: "US" };
    const created = await api().post(`${GRAPH}/users`).set(admin).send(body);
    expect(created.status).toBe(201);
    const add = await auditOf(created);
    expect(add).toMatchObject({ activityDisplayName: "Add user", operationType: "Add" });
    expect(add.initiatedBy.user?.userPrincipalName).toBe(users.admin.upn);
    expect(add.initiatedBy.app?.displayName).toBe("Certlab API token");
    expect(add.targetResources[0]).toMatchObject({ type: "User", id: created.body.id, userPrincipalName: "audited@contoso.onmicrosoft.com" });
    expect(change(add, "jobTitle")).toEqual({ old: null, new: "Clerk" });
    // The password never reaches the audit log.
    expect(JSON.stringify(add)).not.toContain(body.passwordProfile.password);
    const rawRow = await t.db.auditLog.findFirstOrThrow({ where: { correlationId: created.headers["request-id"] as string } });
    expect(JSON.stringify(rawRow)).not.toContain(body.passwordProfile.password);

    const patched = await api().patch(`${GRAPH}/users/${created.body.id}`).set(admin).send({ jobTitle: "Engineer", accountEnabled: false });
    const upd = await auditOf(patched);
    expect(upd).toMatchObject({ activityDisplayName: "Update user", operationType: "Update" });
    expect(change(upd, "jobTitle")).toEqual({ old: "Clerk", new: "Engineer" });
    expect(change(upd, "accountEnabled")).toEqual({ old: true, new: false });
    expect(upd.targetResources[0]!.modifiedProperties.map((m) => m.displayName).sort()).toEqual(["accountEnabled", "jobTitle"]);

    const lic = await api().post(`${GRAPH}/users/${created.body.id}/assignLicense`).set(admin).send({ addLicenses: [{ skuId: SKU_IDS.EMS }], removeLicenses: [] });
    const licAudit = await auditOf(lic);
    expect(licAudit.activityDisplayName).toBe("Change user license");
    expect(change(licAudit, "AssignedLicense")).toEqual({ old: [], new: [{ skuId: SKU_IDS.EMS, disabledPlans: [] }] });

    const deleted = await api().delete(`${GRAPH}/users/${created.body.id}`).set(admin);
    const del = await auditOf(deleted);
    expect(del).toMatchObject({ activityDisplayName: "Delete user", operationType: "Delete" });
    expect(del.targetResources[0]).toMatchObject({ id: created.body.id, userPrincipalName: "audited@contoso.onmicrosoft.com" });
  });

  it("records group and membership changes, and role assignments", async () => {
    const g = await api().post(`${GRAPH}/groups`).set(admin).send(newGroupBody("Audited Group"));
    const addGroup = await auditOf(g);
    expect(addGroup).toMatchObject({ activityDisplayName: "Add group" });
    expect(addGroup.targetResources[0]).toMatchObject({ type: "Group", id: g.body.id, displayName: "Audited Group" });
    expect(change(addGroup, "displayName")).toEqual({ old: null, new: "Audited Group" });

    const patched = await api().patch(`${GRAPH}/groups/${g.body.id}`).set(admin).send({ displayName: "Audited Group 2" });
    expect(change(await auditOf(patched), "displayName")).toEqual({ old: "Audited Group", new: "Audited Group 2" });

    const member = await api().post(`${GRAPH}/groups/${g.body.id}/members/$ref`).set(admin).send({ "@odata.id": `https://graph.microsoft.com/v1.0/directoryObjects/${users.reader.id}` });
    const addMember = await auditOf(member);
    expect(addMember.activityDisplayName).toBe("Add member to group");
    expect(addMember.targetResources.map((r) => r.id)).toEqual([users.reader.id, g.body.id]);
    expect(change(addMember, "Group.DisplayName")).toEqual({ old: null, new: "Audited Group 2" });

    const removed = await api().delete(`${GRAPH}/groups/${g.body.id}/members/${users.reader.id}/$ref`).set(admin);
    const rm = await auditOf(removed);
    expect(rm.activityDisplayName).toBe("Remove member from group");
    expect(rm.targetResources[0]).toMatchObject({ type: "User", id: users.reader.id, displayName: "Global Reader" });
    expect(change(rm, "Group.DisplayName")).toEqual({ old: "Audited Group 2", new: null });

    const role = await api().post(`${GRAPH}/roleManagement/directory/roleAssignments`).set(admin).send({ principalId: users.reader.id, roleDefinitionId: "3a2c62db-5318-420d-8d74-23affee5d9d5" });
    const assign = await auditOf(role);
    expect(assign.activityDisplayName).toBe("Add member to role");
    expect(assign.targetResources[0]).toMatchObject({ type: "User", id: users.reader.id, displayName: "Global Reader" });
    expect(change(assign, "Role.DisplayName")).toEqual({ old: null, new: "Intune Administrator" });
    const unassign = await auditOf(await api().delete(`${GRAPH}/roleManagement/directory/roleAssignments/${role.body.id}`).set(admin));
    expect(unassign.activityDisplayName).toBe("Remove member from role");
    expect(unassign.targetResources[0]).toMatchObject({ type: "User", id: users.reader.id, displayName: "Global Reader" });
    expect(change(unassign, "Role.DisplayName")).toEqual({ old: "Intune Administrator", new: null });

    // A role held by a group: the audit line names the group as a group.
    const groupRole = await api().post(`${GRAPH}/roleManagement/directory/roleAssignments`).set(admin).send({ principalId: g.body.id, roleDefinitionId: "f2ef992c-3afb-46b9-b7cf-a126ee74c451" });
    expect((await auditOf(groupRole)).targetResources[0]).toMatchObject({ type: "Group", id: g.body.id, displayName: "Audited Group 2" });
    const groupUnassign = await auditOf(await api().delete(`${GRAPH}/roleManagement/directory/roleAssignments/${groupRole.body.id}`).set(admin));
    expect(groupUnassign.targetResources[0]).toMatchObject({ type: "Group", id: g.body.id, displayName: "Audited Group 2" });

    const gone = await auditOf(await api().delete(`${GRAPH}/groups/${g.body.id}`).set(admin));
    expect(gone).toMatchObject({ activityDisplayName: "Delete group", operationType: "Delete" });
  });

  it("names the portal as the app for cookie sessions, and lists newest first", async () => {
    const { agent, csrf } = await signIn(t.app, users.intuneAdmin.upn);
    const res = await agent.post(`${GRAPH}/groups`).set("X-CSRF-Token", csrf).send(newGroupBody("From Portal"));
    const a = await auditOf(res);
    expect(a.initiatedBy.user?.userPrincipalName).toBe(users.intuneAdmin.upn);
    expect(a.initiatedBy.app?.displayName).toBe("Certlab portal");
    const list = await audits();
    expect(list[0]!.id).toBe(a.id);
    const times = list.map((x) => Date.parse((x as unknown as { activityDateTime: string }).activityDateTime));
    expect([...times].sort((p, q) => q - p)).toEqual(times);
    // One entry by id.
    const one = await api().get(`${AUDITS}/${a.id}`).set(reader);
    expect(one.status).toBe(200);
    expect(one.body.id).toBe(a.id);
    // Filterable like any collection.
    const filtered = await api().get(AUDITS).query({ $filter: "activityDisplayName eq 'Add group'" }).set(admin);
    expect(filtered.body.value.length).toBeGreaterThan(0);
    expect(filtered.body.value.every((x: Audit) => x.activityDisplayName === "Add group")).toBe(true);
  });

  it("a refused change (400, 403, 404, 412) records nothing and changes nothing", async () => {
    const { body: g, headers } = await api().post(`${GRAPH}/groups`).set(admin).send(newGroupBody("Unchanged"));
    await api().patch(`${GRAPH}/groups/${g.id}`).set(admin).send({ description: "v2" });
    const before = await t.db.auditLog.count();
    const snapshot = async () => JSON.stringify([
      await t.db.user.findMany({ orderBy: { id: "asc" } }),
      await t.db.group.findMany({ orderBy: { id: "asc" } }),
      await t.db.groupMember.findMany({ orderBy: [{ groupId: "asc" }, { memberId: "asc" }] }),
      await t.db.roleAssignment.findMany({ orderBy: { id: "asc" } }),
      await t.db.tenant.findMany({ orderBy: { id: "asc" } }),
    ]);
    const state = await snapshot();

    const refused: [string, number, request.Test][] = [
      ["invalid body", 400, api().post(`${GRAPH}/users`).set(admin).send({ ...newUserBody("bad"), accountEnabled: "yes" })],
      ["weak password", 400, api().post(`${GRAPH}/users`).set(admin).send(newUserBody("weak", undefined, "password"))],
      ["unverified domain", 400, api().post(`${GRAPH}/users`).set(admin).send(newUserBody("x", "example.org"))],
      ["duplicate member", 400, api().post(`${GRAPH}/groups/${DEMO.contoso.pilotGroupId}/members/$ref`).set(admin).send({ "@odata.id": `https://graph.microsoft.com/v1.0/directoryObjects/${users.admin.id}` })],
      ["licence without SKU", 400, api().post(`${GRAPH}/users/${users.reader.id}/assignLicense`).set(admin).send({ addLicenses: [{ skuId: SKU_IDS.SPE_E5 }], removeLicenses: [] })],
      ["reader", 403, api().patch(`${GRAPH}/groups/${g.id}`).set(reader).send({ description: "reader" })],
      ["missing", 404, api().patch(`${GRAPH}/groups/00000000-0000-0000-0000-00000000dead`).set(admin).send({ description: "x" })],
      ["stale", 412, api().patch(`${GRAPH}/groups/${g.id}`).set(admin).set("If-Match", headers.etag as string).send({ description: "stale" })],
      ["stale org", 412, api().patch(`${GRAPH}/organization/${CONTOSO}`).set(admin).set("If-Match", 'W/"0"').send({ displayName: "stale" })],
    ];
    for (const [label, status, req] of refused) {
      const res = await req;
      expect(res.status, `${label}: ${JSON.stringify(res.body)}`).toBe(status);
    }
    expect(await t.db.auditLog.count()).toBe(before);
    expect(await snapshot()).toBe(state);
  });

  it("each directory sees only its own audit log", async () => {
    const { agent, csrf } = await signIn(t.app, users.admin.upn);
    await agent.post("/api/session/switch").set("X-CSRF-Token", csrf).send({ tenantId: DEMO.fabrikam.tenantId });
    const fab = await agent.get(AUDITS);
    expect(fab.status).toBe(200);
    expect(fab.body.value).toEqual([]);
    const created = await agent.post(`${GRAPH}/groups`).set("X-CSRF-Token", csrf).send(newGroupBody("Fabrikam Group"));
    expect(created.status).toBe(201);
    const fabAfter = (await agent.get(AUDITS)).body.value as Audit[];
    expect(fabAfter).toHaveLength(1);
    expect(fabAfter[0]!.initiatedBy.user?.userPrincipalName).toBe("admin_contoso.onmicrosoft.com#EXT#@fabrikam.onmicrosoft.com");
    expect((await audits()).some((a) => a.correlationId === created.headers["request-id"])).toBe(false);
    expectGraphError(await api().get(`${AUDITS}/${fabAfter[0]!.id}`).set(admin), 404);
  });
});
