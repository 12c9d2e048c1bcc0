// Concurrent writes never silently overwrite each other or duplicate objects, and credentials follow the
// user's lifecycle (disabled or deleted users lose access at once).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { bearerFor, createTestApp, DEMO, signIn, users, type TestApp } from "./harness.ts";
import { expectGraphError, GRAPH, newGroupBody, newUserBody, strongPassword } from "./helpers.ts";

let t: TestApp;
let admin: Record<string, string>;
const api = () => request(t.app);

beforeAll(async () => {
  t = await createTestApp();
  admin = { Authorization: `Bearer ${await bearerFor(t.app, users.admin.upn)}` };
});
afterAll(async () => {
  await t.close();
});

describe("concurrent writes", () => {
  it("two PATCHes with the same If-Match: exactly one wins, the other is 412", async () => {
    const { body: g, headers } = await api().post(`${GRAPH}/groups`).set(admin).send(newGroupBody("Race"));
    const etag = headers.etag as string;
    const results = await Promise.all(
      ["A", "B", "C"].map((who) => api().patch(`${GRAPH}/groups/${g.id}`).set(admin).set("If-Match", etag).send({ description: who })),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([204, 412, 412]);
    const winner = ["A", "B", "C"][results.findIndex((r) => r.status === 204)];
    expect((await api().get(`${GRAPH}/groups/${g.id}`).set(admin)).body.description).toBe(winner);
    expect(await t.db.auditLog.count({ where: { activityDisplayName: "Update group", targetResources: { contains: g.id } } })).toBe(1);
  });

  it("creating the same user twice at once makes one user and a 4xx, never a 500", async () => {
    const body = newUserBody("twin");
    const results = await Promise.all([api().post(`${GRAPH}/users`).set(admin).send(body), api().post(`${GRAPH}/users`).set(admin).send(body)]);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses[0]).toBe(201);
    expect(statuses[1]).toBeGreaterThanOrEqual(400);
    expect(statuses[1]).toBeLessThan(500);
    expect(await t.db.user.count({ where: { userPrincipalName: "twin@contoso.onmicrosoft.com" } })).toBe(1);
    expect(await t.db.auditLog.count({ where: { activityDisplayName: "Add user", targetResources: { contains: "twin@contoso.onmicrosoft.com" } } })).toBe(1);
  });

  it("adding the same member twice at once makes one membership and a 4xx", async () => {
    const { body: g } = await api().post(`${GRAPH}/groups`).set(admin).send(newGroupBody("Member Race"));
    const ref = { "@odata.id": `https://graph.microsoft.com/v1.0/directoryObjects/${users.reader.id}` };
    const results = await Promise.all([1, 2].map(() => api().post(`${GRAPH}/groups/${g.id}/members/$ref`).set(admin).send(ref)));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses[0]).toBe(204);
    expect(statuses[1]).toBeGreaterThanOrEqual(400);
    expect(statuses[1]).toBeLessThan(500);
    expect(await t.db.groupMember.count({ where: { groupId: g.id } })).toBe(1);
  });

  it("assigning the same role twice at once makes one assignment and a 4xx", async () => {
    const body = { principalId: users.appAdmin.id, roleDefinitionId: "f2ef992c-3afb-46b9-b7cf-a126ee74c451" };
    const results = await Promise.all([1, 2].map(() => api().post(`${GRAPH}/roleManagement/directory/roleAssignments`).set(admin).send(body)));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses[0]).toBe(201);
    expect(statuses[1]).toBeGreaterThanOrEqual(400);
    expect(statuses[1]).toBeLessThan(500);
    expect(await t.db.roleAssignment.count({ where: { principalId: users.appAdmin.id, roleDefinitionId: body.roleDefinitionId } })).toBe(1);
  });
});

describe("credentials follow the user's lifecycle", () => {
  async function newUserWithCredentials(alias: string) {
    const password = strongPassword();
    const created = await api().post(`${GRAPH}/users`).set(admin).send(newUserBody(alias, undefined, password));
    expect(created.status).toBe(201);
    const session = await signIn(t.app, created.body.userPrincipalName as string, password);
    const token = (await session.agent.post("/api/tokens").set("X-CSRF-Token", session.csrf).send({ displayName: "mine" })).body.token as string;
    const jwt = (await api().post(`/${DEMO.contoso.tenantId}/oauth2/v2.0/token`).type("form").send({
      grant_type: "password", client_id: "14d82eec-204b-4c2f-b7e8-296a70dab67e", username: created.body.userPrincipalName, password, scope: "https://graph.microsoft.com/.default",
    })).body.access_token as string;
    expect(jwt).toBeTruthy();
    return { id: created.body.id as string, upn: created.body.userPrincipalName as string, password, session, token, jwt };
  }

  it("disabling a user locks out its session, API token and access token at once; enabling restores them", async () => {
    const u = await newUserWithCredentials("to.disable");
    const calls = () => Promise.all([
      u.session.agent.get(`${GRAPH}/me`),
      api().get(`${GRAPH}/me`).set("Authorization", `Bearer ${u.token}`),
      api().get(`${GRAPH}/me`).set("Authorization", `Bearer ${u.jwt}`),
    ]);
    expect((await calls()).map((r) => r.status)).toEqual([200, 200, 200]);
    expect((await api().patch(`${GRAPH}/users/${u.id}`).set(admin).send({ accountEnabled: false })).status).toBe(204);
    for (const r of await calls()) expectGraphError(r, 401);
    expectGraphError(await api().post("/api/session").send({ username: u.upn, password: u.password }), 401);
    const grant = await api().post(`/${DEMO.contoso.tenantId}/oauth2/v2.0/token`).type("form").send({ grant_type: "password", client_id: "x", username: u.upn, password: u.password });
    expect(grant.status).toBe(400);
    expect(grant.body.error_codes).toEqual([50057]);

    expect((await api().patch(`${GRAPH}/users/${u.id}`).set(admin).send({ accountEnabled: true })).status).toBe(204);
    expect((await calls()).map((r) => r.status)).toEqual([200, 200, 200]);
  });

  it("deleting a user ends its session, API token and access token", async () => {
    const u = await newUserWithCredentials("to.delete");
    expect((await api().delete(`${GRAPH}/users/${u.id}`).set(admin)).status).toBe(204);
    expectGraphError(await u.session.agent.get(`${GRAPH}/me`), 401);
    expectGraphError(await api().get(`${GRAPH}/me`).set("Authorization", `Bearer ${u.token}`), 401);
    expectGraphError(await api().get(`${GRAPH}/me`).set("Authorization", `Bearer ${u.jwt}`), 401);
    // A new user with the same UPN doesn't inherit the old credentials.
    await api().post(`${GRAPH}/users`).set(admin).send(newUserBody("to.delete"));
    expectGraphError(await api().get(`${GRAPH}/me`).set("Authorization", `Bearer ${u.token}`), 401);
    expectGraphError(await api().get(`${GRAPH}/me`).set("Authorization", `Bearer ${u.jwt}`), 401);
  });

  it("Switch directory is a portal action: a bearer token can't switch", async () => {
    const res = await api().post("/api/session/switch").set(admin).send({ tenantId: DEMO.fabrikam.tenantId });
    expectGraphError(res, 400, { message: "portal" });
    expect((await api().get(`${GRAPH}/organization`).set(admin)).body.value[0].id).toBe(DEMO.contoso.tenantId);
  });
});
