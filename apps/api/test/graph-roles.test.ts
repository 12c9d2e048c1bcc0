// Directory roles: built-in definitions with their real template ids, assignments, and role enforcement on
// every write (403 naming the role needed), following assignments as they change.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { bearerFor, createTestApp, DEMO, users, type TestApp } from "./harness.ts";
import { expectGraphError, targetsOf, GRAPH, newGroupBody, newUserBody, strongPassword } from "./helpers.ts";

const ROLES = {
  "Global Administrator": "62e90394-69f5-4237-9190-012177145e10",
  "Intune Administrator": "3a2c62db-5318-420d-8d74-23affee5d9d5",
  "Application Administrator": "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3",
  "Cloud Application Administrator": "158c047a-c907-4556-b7ef-446551a6b5f7",
  "Global Reader": "f2ef992c-3afb-46b9-b7cf-a126ee74c451",
} as const;
const DEFS = `${GRAPH}/roleManagement/directory/roleDefinitions`;
const ASSIGN = `${GRAPH}/roleManagement/directory/roleAssignments`;

let t: TestApp;
const bearer: Record<"admin" | "reader" | "appAdmin" | "intuneAdmin", Record<string, string>> = {} as never;
const api = () => request(t.app);

beforeAll(async () => {
  t = await createTestApp();
  for (const k of ["admin", "reader", "appAdmin", "intuneAdmin"] as const) {
    bearer[k] = { Authorization: `Bearer ${await bearerFor(t.app, users[k].upn)}` };
  }
});
afterAll(async () => {
  await t.close();
});

describe("roleDefinitions", () => {
  it("include the built-in roles with their real template ids (id == templateId)", async () => {
    const res = await api().get(DEFS).set(bearer.reader);
    expect(res.status).toBe(200);
    expect(res.body["@odata.context"]).toMatch(/\$metadata#roleManagement\/directory\/roleDefinitions$/);
    for (const [name, id] of Object.entries(ROLES)) {
      const def = res.body.value.find((d: { displayName: string }) => d.displayName === name);
      expect(def, name).toMatchObject({ "@odata.type": "#microsoft.graph.unifiedRoleDefinition", id, templateId: id, isBuiltIn: true, isEnabled: true });
      expect(def.rolePermissions[0].allowedResourceActions.length).toBeGreaterThan(0);
    }
    expect((await api().get(`/graph/v1.0/roleManagement/directory/roleDefinitions/${ROLES["Global Reader"]}`).set(bearer.reader)).body.displayName).toBe("Global Reader");
  });

  it("$filter=displayName eq 'Intune Administrator' finds exactly that role", async () => {
    const res = await api().get(DEFS).query({ $filter: "displayName eq 'Intune Administrator'" }).set(bearer.admin);
    expect(res.status).toBe(200);
    expect(res.body.value).toHaveLength(1);
    expect(res.body.value[0]).toMatchObject({ id: ROLES["Intune Administrator"], templateId: ROLES["Intune Administrator"] });
    expectGraphError(await api().get(`${DEFS}/00000000-0000-0000-0000-000000000001`).set(bearer.admin), 404);
  });
});

describe("roleAssignments", () => {
  it("create → 201, list, filter by principalId, get, delete → 204", async () => {
    const list = await api().get(ASSIGN).set(bearer.admin);
    expect(list.body.value).toContainEqual(expect.objectContaining({ principalId: users.reader.id, roleDefinitionId: ROLES["Global Reader"], directoryScopeId: "/" }));

    const created = await api().post(ASSIGN).set(bearer.admin).send({
      "@odata.type": "#microsoft.graph.unifiedRoleAssignment",
      principalId: users.reader.id,
      roleDefinitionId: ROLES["Application Administrator"],
      directoryScopeId: "/",
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ principalId: users.reader.id, roleDefinitionId: ROLES["Application Administrator"], directoryScopeId: "/" });
    expect(created.headers.location).toContain(`/roleManagement/directory/roleAssignments/${created.body.id}`);

    const filtered = await api().get(ASSIGN).query({ $filter: `principalId eq '${users.reader.id}'` }).set(bearer.admin);
    expect(filtered.status).toBe(200);
    expect(filtered.body.value.map((a: { roleDefinitionId: string }) => a.roleDefinitionId).sort()).toEqual([ROLES["Application Administrator"], ROLES["Global Reader"]].sort());
    expect((await api().get(`${ASSIGN}/${created.body.id}`).set(bearer.admin)).body.id).toBe(created.body.id);

    // The same assignment twice is refused.
    const dup = await api().post(ASSIGN).set(bearer.admin).send({ principalId: users.reader.id, roleDefinitionId: ROLES["Application Administrator"] });
    expect(dup.status).toBeGreaterThanOrEqual(400);
    expect(dup.status).toBeLessThan(500);

    expect((await api().delete(`${ASSIGN}/${created.body.id}`).set(bearer.admin)).status).toBe(204);
    expectGraphError(await api().get(`${ASSIGN}/${created.body.id}`).set(bearer.admin), 404);
    const after = await api().get(ASSIGN).query({ $filter: `principalId eq '${users.reader.id}'` }).set(bearer.admin);
    expect(after.body.value.map((a: { roleDefinitionId: string }) => a.roleDefinitionId)).toEqual([ROLES["Global Reader"]]);
  });

  it("refuses unknown roles, unknown principals, other scopes and another tenant's principal", async () => {
    const post = (body: Record<string, unknown>) => api().post(ASSIGN).set(bearer.admin).send(body);
    const cases: [Record<string, unknown>, string][] = [
      [{ principalId: users.reader.id, roleDefinitionId: "00000000-0000-0000-0000-000000000001" }, "roleDefinitionId"],
      [{ principalId: "00000000-0000-0000-0000-000000000002", roleDefinitionId: ROLES["Global Reader"] }, "principalId"],
      [{ principalId: DEMO.fabrikam.adminUserId, roleDefinitionId: ROLES["Global Reader"] }, "principalId"],
      [{ principalId: users.reader.id, roleDefinitionId: ROLES["Global Reader"], directoryScopeId: "/administrativeUnits/x" }, "directoryScopeId"],
      [{ principalId: "reader", roleDefinitionId: ROLES["Global Reader"] }, "principalId"],
    ];
    const before = await t.db.roleAssignment.count();
    for (const [body, field] of cases) {
      const res = await post(body);
      expectGraphError(res, 400);
      expect(targetsOf(res), JSON.stringify(res.body)).toContain(field);
    }
    expect(await t.db.roleAssignment.count()).toBe(before);
  });

  it("role enforcement follows assignments: a new user can create groups once given Intune Administrator, and not after", async () => {
    const password = strongPassword();
    const created = await api().post(`${GRAPH}/users`).set(bearer.admin).send(newUserBody("new.intune", undefined, password));
    expect(created.status).toBe(201);
    const login = await api().post("/api/session").send({ username: "new.intune@contoso.onmicrosoft.com", password });
    expect(login.status).toBe(200);
    const cookie = (login.headers["set-cookie"] as unknown as string[])[0]!.split(";")[0]!;
    const asNew = (path: string) => api().post(path).set("Cookie", cookie).set("X-CSRF-Token", login.body.csrfToken as string);

    expectGraphError(await asNew(`${GRAPH}/groups`).send(newGroupBody("Before Role")), 403, { message: "Intune Administrator" });

    const assignment = await api().post(ASSIGN).set(bearer.admin).send({ principalId: created.body.id, roleDefinitionId: ROLES["Intune Administrator"] });
    expect(assignment.status).toBe(201);
    const group = await asNew(`${GRAPH}/groups`).send(newGroupBody("After Role"));
    expect(group.status).toBe(201);
    // Intune Administrator still can't create users.
    expectGraphError(await asNew(`${GRAPH}/users`).send(newUserBody("not.allowed")), 403, { message: "Global Administrator" });
    // The session reflects the new role.
    const session = await api().get("/api/session").set("Cookie", cookie);
    expect(session.body.roles.map((r: { displayName: string }) => r.displayName)).toEqual(["Intune Administrator"]);

    expect((await api().delete(`${ASSIGN}/${assignment.body.id}`).set(bearer.admin)).status).toBe(204);
    expectGraphError(await asNew(`${GRAPH}/groups`).send(newGroupBody("After Removal")), 403);
  });

  it("a role assigned to a group applies to its members", async () => {
    const { body: g } = await api().post(`${GRAPH}/groups`).set(bearer.admin).send(newGroupBody("Role Holders", {
      "members@odata.bind": [`https://graph.microsoft.com/v1.0/directoryObjects/${users.appAdmin.id}`],
    }));
    expectGraphError(await api().post(`${GRAPH}/groups`).set(bearer.appAdmin).send(newGroupBody("Denied")), 403);
    const a = await api().post(ASSIGN).set(bearer.admin).send({ principalId: g.id, roleDefinitionId: ROLES["Intune Administrator"] });
    expect(a.status).toBe(201);
    expect((await api().post(`${GRAPH}/groups`).set(bearer.appAdmin).send(newGroupBody("Allowed via group"))).status).toBe(201);
    expect((await api().delete(`${ASSIGN}/${a.body.id}`).set(bearer.admin)).status).toBe(204);
  });
});

describe("roles are enforced on every write", () => {
  let groupId: string;
  let assignmentId: string;
  beforeAll(async () => {
    groupId = (await api().post(`${GRAPH}/groups`).set(bearer.admin).send(newGroupBody("Enforcement Target"))).body.id as string;
    assignmentId = `${users.reader.id}-role`;
  });

  it("a Global Reader gets 403 naming the role needed, and nothing changes", async () => {
    const r = bearer.reader;
    const audits = await t.db.auditLog.count();
    const users0 = await t.db.user.count();
    const groups0 = await t.db.group.count();
    const assignments0 = await t.db.roleAssignment.count();

    const cases: [string, request.Test, string][] = [
      ["POST users", api().post(`${GRAPH}/users`).set(r).send(newUserBody("by.reader")), "Global Administrator"],
      ["PATCH users", api().patch(`${GRAPH}/users/${users.appAdmin.id}`).set(r).send({ jobTitle: "x" }), "Global Administrator"],
      ["DELETE users", api().delete(`${GRAPH}/users/${users.appAdmin.id}`).set(r), "Global Administrator"],
      ["assignLicense", api().post(`${GRAPH}/users/${users.appAdmin.id}/assignLicense`).set(r).send({ addLicenses: [], removeLicenses: [] }), "Global Administrator"],
      ["POST groups", api().post(`${GRAPH}/groups`).set(r).send(newGroupBody("by reader")), "Intune Administrator"],
      ["PATCH groups", api().patch(`${GRAPH}/groups/${groupId}`).set(r).send({ description: "x" }), "Intune Administrator"],
      ["DELETE groups", api().delete(`${GRAPH}/groups/${groupId}`).set(r), "Intune Administrator"],
      ["POST members/$ref", api().post(`${GRAPH}/groups/${groupId}/members/$ref`).set(r).send({ "@odata.id": `https://graph.microsoft.com/v1.0/directoryObjects/${users.reader.id}` }), "Intune Administrator"],
      ["POST roleAssignments", api().post(ASSIGN).set(r).send({ principalId: users.reader.id, roleDefinitionId: ROLES["Global Administrator"] }), "Global Administrator"],
      ["DELETE roleAssignments", api().delete(`${ASSIGN}/${assignmentId}`).set(r), "Global Administrator"],
      ["PATCH organization", api().patch(`${GRAPH}/organization/${DEMO.contoso.tenantId}`).set(r).send({ displayName: "Pwned" }), "Global Administrator"],
    ];
    for (const [label, req, role] of cases) {
      const res = await req;
      expect(res.status, `${label}: ${JSON.stringify(res.body)}`).toBe(403);
      expectGraphError(res, 403, { code: "Authorization_RequestDenied", message: "Insufficient privileges to complete the operation." });
      expect(res.body.error.message, label).toContain(role);
    }

    expect(await t.db.auditLog.count()).toBe(audits);
    expect(await t.db.user.count()).toBe(users0);
    expect(await t.db.group.count()).toBe(groups0);
    expect(await t.db.roleAssignment.count()).toBe(assignments0);
    expect((await api().get(`${GRAPH}/organization`).set(r)).body.value[0].displayName).toBe("Contoso");
    // Reading is fine.
    expect((await api().get(`${GRAPH}/users`).set(r)).status).toBe(200);
    expect((await api().get(`${GRAPH}/auditLogs/directoryAudits`).set(r)).status).toBe(200);
  });

  it("an Application Administrator can't create users or groups", async () => {
    expectGraphError(await api().post(`${GRAPH}/users`).set(bearer.appAdmin).send(newUserBody("by.appadmin")), 403, { message: "Global Administrator" });
    expectGraphError(await api().post(`${GRAPH}/groups`).set(bearer.appAdmin).send(newGroupBody("by appadmin")), 403);
    expect(await t.db.user.count({ where: { userPrincipalName: "by.appadmin@contoso.onmicrosoft.com" } })).toBe(0);
  });

  it("an Intune Administrator can create and manage groups but not users, roles or the organization", async () => {
    const g = await api().post(`${GRAPH}/groups`).set(bearer.intuneAdmin).send(newGroupBody("by intune admin"));
    expect(g.status).toBe(201);
    expect((await api().patch(`${GRAPH}/groups/${g.body.id}`).set(bearer.intuneAdmin).send({ description: "ok" })).status).toBe(204);
    expect((await api().delete(`${GRAPH}/groups/${g.body.id}`).set(bearer.intuneAdmin)).status).toBe(204);
    expectGraphError(await api().post(`${GRAPH}/users`).set(bearer.intuneAdmin).send(newUserBody("by.intune")), 403, { message: "This action requires the Global Administrator role." });
    expectGraphError(await api().patch(`${GRAPH}/users/${users.reader.id}`).set(bearer.intuneAdmin).send({ jobTitle: "x" }), 403);
    expectGraphError(await api().post(ASSIGN).set(bearer.intuneAdmin).send({ principalId: users.intuneAdmin.id, roleDefinitionId: ROLES["Global Administrator"] }), 403);
    expectGraphError(await api().patch(`${GRAPH}/organization/${DEMO.contoso.tenantId}`).set(bearer.intuneAdmin).send({ displayName: "x" }), 403);
  });

  it("anyone may change their own password, but nothing else about themselves", async () => {
    const password = strongPassword();
    const self = await api().patch(`${GRAPH}/users/${users.reader.id}`).set(bearer.reader).send({ passwordProfile: { password } });
    expect(self.status).toBe(204);
    expect((await api().post("/api/session").send({ username: users.reader.upn, password })).status).toBe(200);
    expectGraphError(await api().patch(`${GRAPH}/users/${users.reader.id}`).set(bearer.reader).send({ passwordProfile: { password: strongPassword() }, jobTitle: "Boss" }), 403);
    expectGraphError(await api().patch(`${GRAPH}/users/${users.appAdmin.id}`).set(bearer.reader).send({ passwordProfile: { password: strongPassword() } }), 403);
  });
});
