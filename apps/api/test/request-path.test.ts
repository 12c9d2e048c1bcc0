// The fast request path (issue 9): a signed-in Graph list costs at most 2 SQL statements (the principal in
// one, the page in one), whatever the page size, and nothing about a principal is remembered between
// requests: a revoked token, a signed-out session, a removed role or group membership, a disabled user are
// all refused on the very next request. The counts come from Prisma's query events on the test's own client.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { ROLE_IDS } from "@certlab/domain/directory/roles";
import { bearerFor, createTestApp, DEMO, PASSWORD, signIn, users, type TestApp } from "./harness.ts";
import { GRAPH, newGroupBody, newUserBody } from "./helpers.ts";
import { Store } from "../src/store/store.ts";

let t: TestApp;
const statements: string[] = [];
const api = () => request(t.app);

/** Runs one request and returns the SQL statements it sent. */
async function counted<T>(fn: () => Promise<T>): Promise<{ result: T; sql: string[] }> {
  statements.length = 0;
  const result = await fn();
  return { result, sql: [...statements] };
}

async function tokenFromEndpoint(upn: string): Promise<string> {
  const res = await api().post(`/${DEMO.contoso.tenantId}/oauth2/v2.0/token`).type("form").send({
    grant_type: "password",
    client_id: "04b07795-8ddb-461a-bbee-02f9e1bf7b46",
    username: upn,
    password: PASSWORD,
    scope: "https://graph.microsoft.com/.default",
  });
  expect(res.status).toBe(200);
  return res.body.access_token as string;
}

beforeAll(async () => {
  t = await createTestApp({ onQuery: (sql) => statements.push(sql) });
  // 150 users, so a page of 100 and a nextLink exist.
  await t.db.user.createMany({
    data: Array.from({ length: 150 }, (_, i) => ({
      id: randomUUID(),
      tenantId: DEMO.contoso.tenantId,
      userPrincipalName: `bulk${String(i).padStart(3, "0")}@contoso.onmicrosoft.com`,
      displayName: `Bulk User ${String(i).padStart(3, "0")}`,
    })),
  });
});
afterAll(async () => {
  await t.close();
});

describe("a Graph list takes at most 2 queries", () => {
  it("with a personal API token, a portal session and a token-endpoint JWT, for a page of 5 or of 100", async () => {
    const apiToken = await bearerFor(t.app, users.reader.upn);
    const jwt = await tokenFromEndpoint(users.reader.upn);
    const { agent } = await signIn(t.app, users.reader.upn);
    // First use of each credential may do one-off work (recording lastUsedDateTime, importing the signing key).
    await api().get(`${GRAPH}/users?$top=1`).set("Authorization", `Bearer ${apiToken}`);
    await api().get(`${GRAPH}/users?$top=1`).set("Authorization", `Bearer ${jwt}`);

    const callers: [string, (url: string) => Promise<request.Response>][] = [
      ["API token", (url) => api().get(url).set("Authorization", `Bearer ${apiToken}`)],
      ["JWT", (url) => api().get(url).set("Authorization", `Bearer ${jwt}`)],
      ["session cookie", (url) => agent.get(url)],
    ];
    for (const [name, call] of callers) {
      for (const top of [5, 100]) {
        const { result: res, sql } = await counted(() => call(`${GRAPH}/users?$top=${top}`));
        expect(res.status, name).toBe(200);
        expect(res.body.value, name).toHaveLength(top);
        expect(res.body["@odata.nextLink"], name).toContain(`$skip=${top}`);
        // Both statements are seen (the counter works), and there are no more than the two.
        expect(sql.length, `${name}, $top=${top}: ${sql.join("\n")}`).toBeGreaterThan(0);
        expect(sql.length, `${name}, $top=${top}: ${sql.join("\n")}`).toBeLessThanOrEqual(2);
      }
    }
  });

  it("the next page costs the same 2 queries (paging in the database, not in memory)", async () => {
    const bearer = `Bearer ${await tokenFromEndpoint(users.admin.upn)}`;
    await api().get(`${GRAPH}/users?$top=1`).set("Authorization", bearer);
    const first = await api().get(`${GRAPH}/users?$top=100`).set("Authorization", bearer);
    const next = new URL(first.body["@odata.nextLink"] as string);
    const { result: res, sql } = await counted(() => api().get(`${next.pathname}${next.search}`).set("Authorization", bearer));
    expect(res.status).toBe(200);
    expect(res.body.value.length).toBeGreaterThan(0);
    expect(res.body.value.map((u: { id: string }) => u.id)).not.toContain(first.body.value[0].id);
    expect(sql.length, sql.join("\n")).toBeGreaterThan(0);
    expect(sql.length, sql.join("\n")).toBeLessThanOrEqual(2);
  });
});

describe("changes to a principal take effect on the next request", () => {
  it("a revoked API token is refused with 401", async () => {
    const { agent, csrf } = await signIn(t.app, users.reader.upn);
    const created = await agent.post("/api/tokens").set("X-CSRF-Token", csrf).send({ displayName: "to revoke", expiresInDays: 1 });
    const bearer = `Bearer ${created.body.token as string}`;
    expect((await api().get(`${GRAPH}/me`).set("Authorization", bearer)).status).toBe(200);
    expect((await agent.delete(`/api/tokens/${created.body.id as string}`).set("X-CSRF-Token", csrf)).status).toBe(204);
    const refused = await api().get(`${GRAPH}/me`).set("Authorization", bearer);
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe("InvalidAuthenticationToken");
  });

  it("a session cookie replayed after sign-out is refused with 401", async () => {
    const res = await api().post("/api/session").send({ username: users.reader.upn, password: PASSWORD });
    const cookie = String(res.headers["set-cookie"]?.[0] ?? "").split(";")[0]!;
    expect((await api().get("/api/session").set("Cookie", cookie)).status).toBe(200);
    expect((await api().delete("/api/session").set("Cookie", cookie).set("X-CSRF-Token", res.body.csrfToken)).status).toBe(204);
    expect((await api().get("/api/session").set("Cookie", cookie)).status).toBe(401);
    expect((await api().get(`${GRAPH}/users`).set("Cookie", cookie)).status).toBe(401);
  });

  it("a removed direct role assignment is refused with 403 on the next write, in the same process", async () => {
    const admin = `Bearer ${await tokenFromEndpoint(users.admin.upn)}`;
    const reader = `Bearer ${await tokenFromEndpoint(users.reader.upn)}`;
    const denied = await api().post(`${GRAPH}/users`).set("Authorization", reader).send(newUserBody(`rp-${randomUUID().slice(0, 6)}`));
    expect(denied.status).toBe(403);

    const assignment = await api().post(`${GRAPH}/roleManagement/directory/roleAssignments`).set("Authorization", admin).send({
      principalId: users.reader.id,
      roleDefinitionId: ROLE_IDS.globalAdministrator,
      directoryScopeId: "/",
    });
    expect(assignment.status).toBe(201);
    // Granted on the next request...
    expect((await api().post(`${GRAPH}/users`).set("Authorization", reader).send(newUserBody(`rp-${randomUUID().slice(0, 6)}`))).status).toBe(201);

    expect((await api().delete(`${GRAPH}/roleManagement/directory/roleAssignments/${assignment.body.id as string}`).set("Authorization", admin)).status).toBe(204);
    // ...and withdrawn on the next request.
    const after = await api().post(`${GRAPH}/users`).set("Authorization", reader).send(newUserBody(`rp-${randomUUID().slice(0, 6)}`));
    expect(after.status).toBe(403);
    expect(after.body.error.code).toBe("Authorization_RequestDenied");
  });

  it("a role held through a group is withdrawn when the user leaves the group", async () => {
    const admin = `Bearer ${await tokenFromEndpoint(users.admin.upn)}`;
    const reader = `Bearer ${await tokenFromEndpoint(users.reader.upn)}`;
    const group = await api().post(`${GRAPH}/groups`).set("Authorization", admin).send(newGroupBody(`Role group ${randomUUID().slice(0, 6)}`));
    expect(group.status).toBe(201);
    const groupId = group.body.id as string;
    expect((await api().post(`${GRAPH}/roleManagement/directory/roleAssignments`).set("Authorization", admin).send({
      principalId: groupId,
      roleDefinitionId: ROLE_IDS.globalAdministrator,
      directoryScopeId: "/",
    })).status).toBe(201);
    expect((await api().post(`${GRAPH}/groups/${groupId}/members/$ref`).set("Authorization", admin).send({
      "@odata.id": `https://graph.microsoft.com/v1.0/directoryObjects/${users.reader.id}`,
    })).status).toBe(204);
    expect((await api().post(`${GRAPH}/users`).set("Authorization", reader).send(newUserBody(`rp-${randomUUID().slice(0, 6)}`))).status).toBe(201);

    expect((await api().delete(`${GRAPH}/groups/${groupId}/members/${users.reader.id}/$ref`).set("Authorization", admin)).status).toBe(204);
    expect((await api().post(`${GRAPH}/users`).set("Authorization", reader).send(newUserBody(`rp-${randomUUID().slice(0, 6)}`))).status).toBe(403);
  });

  it("a disabled user's token is refused with 401", async () => {
    const admin = `Bearer ${await tokenFromEndpoint(users.admin.upn)}`;
    const intune = `Bearer ${await bearerFor(t.app, users.intuneAdmin.upn)}`;
    expect((await api().get(`${GRAPH}/me`).set("Authorization", intune)).status).toBe(200);
    const user = await api().get(`${GRAPH}/users/${users.intuneAdmin.id}`).set("Authorization", admin);
    expect((await api().patch(`${GRAPH}/users/${users.intuneAdmin.id}`).set("Authorization", admin).set("If-Match", user.headers.etag as string).send({ accountEnabled: false })).status).toBe(204);
    expect((await api().get(`${GRAPH}/me`).set("Authorization", intune)).status).toBe(401);
  });
});

describe("the raw page of /users", () => {
  it("returns exactly the rows (types included) Prisma's findMany returns, in the same order", async () => {
    const admin = `Bearer ${await tokenFromEndpoint(users.admin.upn)}`;
    const viaGraph = await api().get(`${GRAPH}/users?$top=100&$skip=20`).set("Authorization", admin);
    const viaPrisma = await t.db.user.findMany({ where: { tenantId: DEMO.contoso.tenantId }, orderBy: [{ displayName: "asc" }, { id: "asc" }], skip: 20, take: 100 });
    expect(viaGraph.body.value.map((u: { id: string }) => u.id)).toEqual(viaPrisma.map((u) => u.id));
    const store = new Store(t.db, { accountId: null, userId: users.admin.id, tenantId: DEMO.contoso.tenantId, userPrincipalName: users.admin.upn, displayName: "x", roleIds: [], via: "jwt" }, "test");
    expect(await store.users.list({ skip: 20, take: 100 })).toEqual(viaPrisma);
  });
});
