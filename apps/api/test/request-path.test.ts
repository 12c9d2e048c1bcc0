// The fast request path (issue 9): a signed-in Graph list costs at most 2 SQL statements once the principal is
// cached (on SQLite: the data-version check and the page; a repeated page only the check), whatever the page size,
// and what the stamped caches keep (db/stamped-cache.ts) is never staler than the database: a revoked token, a
// signed-out session, a removed role or group membership, a disabled user are refused on the very next request,
// also when the change comes from another connection (another API process). The counts come from Prisma's query
// events and the read fast path's reports on the test's own client.
import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import request from "supertest";
import { ROLE_IDS } from "@certlab/domain/directory/roles";
import { bearerFor, createTestApp, DEMO, PASSWORD, signIn, users, type TestApp } from "./harness.ts";
import { GRAPH, newGroupBody, newUserBody } from "./helpers.ts";
import { Store } from "../src/store/store.ts";
import { clearStampedCaches, setStampedCaches } from "../src/db/stamped-cache.ts";

let t: TestApp;
/** One listening server for the whole file: a cached page's @odata.context names the host it was asked on. */
let server: Server;
const statements: string[] = [];
const api = () => request(server);

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
  server = createServer(t.app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
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
  await new Promise((resolve) => server.close(resolve));
  await t.close();
});

const selects = (sql: string[]) => sql.filter((q) => /^\s*SELECT/i.test(q));
/** The stamped caches exist on SQLite only (docs/operations.md): on PostgreSQL every request reads the principal. */
const onPostgres = inject("certlabTemplate").kind === "postgres";
const PRAGMA = "PRAGMA data_version";

describe("a Graph list takes at most 2 queries when the principal is cached", () => {
  it.skipIf(onPostgres)("with a personal API token, a portal session and a token-endpoint JWT, for a page of 5 or of 100", async () => {
    const apiToken = await bearerFor(t.app, users.reader.upn);
    const jwt = await tokenFromEndpoint(users.reader.upn);
    const { agent } = await signIn(server as unknown as TestApp["app"], users.reader.upn);
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
        clearStampedCaches();
        // Cold: the data version (SQLite), the principal in one SELECT, the page in one SELECT.
        const cold = await counted(() => call(`${GRAPH}/users?$top=${top}`));
        expect(cold.result.status, name).toBe(200);
        expect(cold.result.body.value, name).toHaveLength(top);
        expect(cold.result.body["@odata.nextLink"], name).toContain(`$skip=${top}`);
        expect(selects(cold.sql), `${name}, $top=${top}: ${cold.sql.join("\n")}`).toHaveLength(2);
        expect(cold.sql.filter((q) => q !== PRAGMA), cold.sql.join("\n")).toHaveLength(2);
        // The principal cached, another page (a new URL): the data version and the page, at most 2 statements.
        const warm = await counted(() => call(`${GRAPH}/users?$top=${top}&$skip=0`));
        expect(warm.result.body.value, name).toEqual(cold.result.body.value);
        expect(selects(warm.sql), `${name}, $top=${top}: ${warm.sql.join("\n")}`).toHaveLength(1);
        expect(warm.sql.length, warm.sql.join("\n")).toBeLessThanOrEqual(2);
        // The same page again with nothing committed in between: the cached answer after the data version check.
        const again = await counted(() => call(`${GRAPH}/users?$top=${top}`));
        expect(again.result.status, name).toBe(200);
        expect(again.result.text, name).toBe(cold.result.text);
        expect(again.result.headers["content-type"]).toBe("application/json; charset=utf-8");
        expect(again.sql, name).toEqual([PRAGMA]);
      }
    }
  });

  it.skipIf(onPostgres)("the next page costs one page query (paging in the database, not in memory)", async () => {
    const bearer = `Bearer ${await tokenFromEndpoint(users.admin.upn)}`;
    await api().get(`${GRAPH}/users?$top=1`).set("Authorization", bearer);
    const first = await api().get(`${GRAPH}/users?$top=100`).set("Authorization", bearer);
    const next = new URL(first.body["@odata.nextLink"] as string);
    const { result: res, sql } = await counted(() => api().get(`${next.pathname}${next.search}`).set("Authorization", bearer));
    expect(res.status).toBe(200);
    expect(res.body.value.length).toBeGreaterThan(0);
    expect(res.body.value.map((u: { id: string }) => u.id)).not.toContain(first.body.value[0].id);
    expect(selects(sql), sql.join("\n")).toHaveLength(1);
    expect(sql.length, sql.join("\n")).toBeLessThanOrEqual(2);
  });

  it("without the caches (as on PostgreSQL) a list is the principal and the page: 2 statements every time", async () => {
    const bearer = `Bearer ${await tokenFromEndpoint(users.admin.upn)}`;
    await api().get(`${GRAPH}/users?$top=1`).set("Authorization", bearer);
    setStampedCaches(false);
    try {
      for (let i = 0; i < 2; i++) {
        const { result: res, sql } = await counted(() => api().get(`${GRAPH}/users?$top=100`).set("Authorization", bearer));
        expect(res.status).toBe(200);
        expect(sql, sql.join("\n")).toHaveLength(2);
        expect(selects(sql)).toHaveLength(2);
      }
    } finally {
      setStampedCaches(true);
    }
  });
});

describe.skipIf(onPostgres)("the stamped caches never answer what the database no longer holds", () => {
  it("a user renamed by another connection (another process) is listed renamed on the next request", async () => {
    const bearer = `Bearer ${await tokenFromEndpoint(users.admin.upn)}`;
    const url = `${GRAPH}/users?$top=100&$select=id,displayName`;
    const before = await api().get(url).set("Authorization", bearer);
    expect((await counted(() => api().get(url).set("Authorization", bearer))).sql).toEqual([PRAGMA]);
    const victim = before.body.value[3] as { id: string; displayName: string };
    // The test's own Prisma client is a connection of its own, as another API process's would be.
    await t.db.user.update({ where: { id: victim.id }, data: { displayName: `${victim.displayName} (renamed)` } });
    const after = await api().get(url).set("Authorization", bearer);
    expect(after.body.value.find((u: { id: string }) => u.id === victim.id)?.displayName).toBe(`${victim.displayName} (renamed)`);
    await t.db.user.update({ where: { id: victim.id }, data: { displayName: victim.displayName } });
  });

  it("a cached principal whose token is revoked by another connection is refused on the next request", async () => {
    const { agent, csrf } = await signIn(t.app, users.reader.upn);
    const created = await agent.post("/api/tokens").set("X-CSRF-Token", csrf).send({ displayName: "revoked elsewhere", expiresInDays: 1 });
    const bearer = `Bearer ${created.body.token as string}`;
    // The first use records lastUsedDateTime (a commit: what it loaded is stale at once), the second caches.
    expect((await api().get(`${GRAPH}/me`).set("Authorization", bearer)).status).toBe(200);
    expect((await api().get(`${GRAPH}/me`).set("Authorization", bearer)).status).toBe(200);
    // Cached now: the next request resolves it without the principal's SELECT.
    const cachedCall = await counted(() => api().get(`${GRAPH}/me`).set("Authorization", bearer));
    expect(cachedCall.result.status).toBe(200);
    expect(cachedCall.sql.some((q) => q.includes('FROM "ApiToken"'))).toBe(false);
    await t.db.apiToken.update({ where: { id: created.body.id as string }, data: { revoked: true } });
    expect((await api().get(`${GRAPH}/me`).set("Authorization", bearer)).status).toBe(401);
  });

  it("a cached session whose role is removed by another connection is denied on the next write", async () => {
    const { agent, csrf } = await signIn(t.app, users.reader.upn);
    const assignment = await t.db.roleAssignment.create({
      data: { id: randomUUID(), tenantId: DEMO.contoso.tenantId, principalId: users.reader.id, roleDefinitionId: ROLE_IDS.globalAdministrator, directoryScopeId: "/" },
    });
    expect((await agent.get(`${GRAPH}/me`)).status).toBe(200);
    expect((await agent.post(`${GRAPH}/users`).set("X-CSRF-Token", csrf).send(newUserBody(`sc-${randomUUID().slice(0, 6)}`))).status).toBe(201);
    await t.db.roleAssignment.delete({ where: { id: assignment.id } });
    expect((await agent.post(`${GRAPH}/users`).set("X-CSRF-Token", csrf).send(newUserBody(`sc-${randomUUID().slice(0, 6)}`))).status).toBe(403);
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
