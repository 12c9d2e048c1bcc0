// /graph/beta/groups and membership through OData $ref, as Graph scripts manage assignment targets.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { bearerFor, createTestApp, DEMO, users, type TestApp } from "./harness.ts";
import { expectGraphError, GRAPH, newGroupBody } from "./helpers.ts";

let t: TestApp;
let admin: Record<string, string>;
const api = () => request(t.app);
// @odata.id values are absolute URLs; Graph scripts use graph.microsoft.com's, Certlab's own work too.
const ref = (id: string, base = "https://graph.microsoft.com/v1.0") => `${base}/directoryObjects/${id}`;

beforeAll(async () => {
  t = await createTestApp();
  admin = { Authorization: `Bearer ${await bearerFor(t.app, users.admin.upn)}` };
});
afterAll(async () => {
  await t.close();
});

const memberIds = async (groupId: string) =>
  ((await api().get(`${GRAPH}/groups/${groupId}/members`).set(admin)).body.value as { id: string }[]).map((m) => m.id).sort();

describe("groups", () => {
  it("lists the seeded pilot group", async () => {
    const res = await api().get(`${GRAPH}/groups`).set(admin);
    expect(res.status).toBe(200);
    expect(res.body["@odata.context"]).toMatch(/\$metadata#groups$/);
    expect(res.body.value).toContainEqual(expect.objectContaining({
      "@odata.type": "#microsoft.graph.group",
      id: DEMO.contoso.pilotGroupId,
      displayName: "Certlab Pilot Users",
      securityEnabled: true,
      groupTypes: [],
    }));
  });

  it("creates a group with members@odata.bind; members lists them", async () => {
    const res = await api().post(`${GRAPH}/groups`).set(admin).send(newGroupBody("SCEP Users", {
      description: "Receive the SCEP profile",
      "members@odata.bind": [ref(users.reader.id), `http://localhost:3000/graph/beta/users/${users.appAdmin.id}`],
    }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.headers.location).toMatch(new RegExp(`/graph/beta/groups/${res.body.id}$`));
    expect(res.headers.etag).toMatch(/^W\/"\d+"$/);
    expect(res.body).toMatchObject({ displayName: "SCEP Users", description: "Receive the SCEP profile", mailEnabled: false, securityEnabled: true });
    expect(res.body["members@odata.bind"]).toBeUndefined();

    const members = await api().get(`${GRAPH}/groups/${res.body.id}/members`).set(admin);
    expect(members.status).toBe(200);
    expect(members.body.value.map((m: { id: string; "@odata.type": string }) => [m.id, m["@odata.type"]]).sort()).toEqual(
      [[users.reader.id, "#microsoft.graph.user"], [users.appAdmin.id, "#microsoft.graph.user"]].sort(),
    );
    expect((await api().get(`${GRAPH}/users/${users.reader.id}/memberOf`).set(admin)).body.value.map((g: { id: string }) => g.id)).toContain(res.body.id);
  });

  it("a bind to an object that doesn't exist is refused and creates nothing", async () => {
    const before = await t.db.group.count();
    const res = await api().post(`${GRAPH}/groups`).set(admin).send(newGroupBody("Broken Bind", { "members@odata.bind": [ref("11111111-2222-3333-4444-555555555555")] }));
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(await t.db.group.count()).toBe(before);
  });

  it("POST members/$ref → 204; the same again → 400; DELETE members/{id}/$ref → 204; again → 404", async () => {
    const { body: g } = await api().post(`${GRAPH}/groups`).set(admin).send(newGroupBody("Ref Target"));
    const origin = "http://127.0.0.1";
    const add = await api().post(`${GRAPH}/groups/${g.id}/members/$ref`).set(admin).send({ "@odata.id": `${origin}/graph/beta/directoryObjects/${users.intuneAdmin.id}` });
    expect(add.status, JSON.stringify(add.body)).toBe(204);
    expect(await memberIds(g.id)).toEqual([users.intuneAdmin.id]);

    const dup = await api().post(`${GRAPH}/groups/${g.id}/members/$ref`).set(admin).send({ "@odata.id": ref(users.intuneAdmin.id) });
    expectGraphError(dup, 400, { message: "already exist" });
    expect(await memberIds(g.id)).toEqual([users.intuneAdmin.id]);

    // A group can be a member of a group.
    expect((await api().post(`${GRAPH}/groups/${g.id}/members/$ref`).set(admin).send({ "@odata.id": ref(DEMO.contoso.pilotGroupId) })).status).toBe(204);
    expect(await memberIds(g.id)).toEqual([users.intuneAdmin.id, DEMO.contoso.pilotGroupId].sort());
    const nested = await api().get(`${GRAPH}/groups/${DEMO.contoso.pilotGroupId}/memberOf`).set(admin);
    expect(nested.body.value.map((x: { id: string }) => x.id)).toEqual([g.id]);
    // ...but not of itself.
    expectGraphError(await api().post(`${GRAPH}/groups/${g.id}/members/$ref`).set(admin).send({ "@odata.id": ref(g.id) }), 400);

    const del = await api().delete(`${GRAPH}/groups/${g.id}/members/${users.intuneAdmin.id}/$ref`).set(admin);
    expect(del.status).toBe(204);
    expect(await memberIds(g.id)).toEqual([DEMO.contoso.pilotGroupId]);
    expectGraphError(await api().delete(`${GRAPH}/groups/${g.id}/members/${users.intuneAdmin.id}/$ref`).set(admin), 404);
  });

  it("$ref bodies must carry a valid @odata.id naming an object of this directory", async () => {
    const gid = DEMO.contoso.pilotGroupId;
    expectGraphError(await api().post(`${GRAPH}/groups/${gid}/members/$ref`).set(admin).send({}), 400, { message: "@odata.id" });
    expectGraphError(await api().post(`${GRAPH}/groups/${gid}/members/$ref`).set(admin).send({ "@odata.id": "not a url" }), 400, { message: "@odata.id" });
    expectGraphError(await api().post(`${GRAPH}/groups/${gid}/members/$ref`).set(admin).send({ "@odata.id": ref("99999999-9999-9999-9999-999999999999") }), 404);
    // Fabrikam's user is not an object of Contoso.
    expectGraphError(await api().post(`${GRAPH}/groups/${gid}/members/$ref`).set(admin).send({ "@odata.id": ref(DEMO.fabrikam.adminUserId) }), 404);
    expect(await memberIds(gid)).toEqual([users.admin.id, users.intuneAdmin.id].sort());
  });

  it("PATCH → 204 (visible), stale If-Match → 412, DELETE → 204 then 404", async () => {
    const { body: g, headers } = await api().post(`${GRAPH}/groups`).set(admin).send(newGroupBody("Patch Me", { "members@odata.bind": [ref(users.reader.id)] }));
    const patch = await api().patch(`${GRAPH}/groups/${g.id}`).set(admin).set("If-Match", headers.etag as string).send({ description: "Patched" });
    expect(patch.status).toBe(204);
    expect((await api().get(`${GRAPH}/groups/${g.id}`).set(admin)).body.description).toBe("Patched");
    expectGraphError(await api().patch(`${GRAPH}/groups/${g.id}`).set(admin).set("If-Match", headers.etag as string).send({ description: "Lost update" }), 412);
    expect((await api().get(`${GRAPH}/groups/${g.id}`).set(admin)).body.description).toBe("Patched");

    expect((await api().delete(`${GRAPH}/groups/${g.id}`).set(admin)).status).toBe(204);
    expectGraphError(await api().get(`${GRAPH}/groups/${g.id}`).set(admin), 404, { code: "Request_ResourceNotFound" });
    expectGraphError(await api().get(`${GRAPH}/groups/${g.id}/members`).set(admin), 404);
    expect((await api().get(`${GRAPH}/users/${users.reader.id}/memberOf`).set(admin)).body.value.map((x: { id: string }) => x.id)).not.toContain(g.id);
  });

  it("GET /directoryObjects/{id} resolves users and groups", async () => {
    const u = await api().get(`${GRAPH}/directoryObjects/${users.reader.id}`).set(admin);
    expect(u.body).toMatchObject({ "@odata.type": "#microsoft.graph.user", id: users.reader.id });
    const g = await api().get(`${GRAPH}/directoryObjects/${DEMO.contoso.pilotGroupId}`).set(admin);
    expect(g.body).toMatchObject({ "@odata.type": "#microsoft.graph.group" });
    expectGraphError(await api().get(`${GRAPH}/directoryObjects/${DEMO.fabrikam.adminUserId}`).set(admin), 404);
  });

  it("/groups/$count is a plain number", async () => {
    const res = await api().get(`${GRAPH}/groups/$count`).set(admin).set("ConsistencyLevel", "eventual");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/text\/plain/);
    expect(Number(res.text)).toBe(await t.db.group.count({ where: { tenantId: DEMO.contoso.tenantId } }));
  });
});
