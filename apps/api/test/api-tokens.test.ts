// Personal API tokens (Authorization: Bearer clt_...): shown once, listed by prefix, usable on Graph, revocable.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { createTestApp, DEMO, signIn, users, type TestApp } from "./harness.ts";
import { expectGraphError, GRAPH } from "./helpers.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe("personal API tokens", () => {
  it("create → shown once; the list shows only its prefix; Bearer works on /me; revoke → 401", async () => {
    const { agent, csrf } = await signIn(t.app, users.admin.upn);
    const created = await agent.post("/api/tokens").set("X-CSRF-Token", csrf).send({ displayName: "nightly script", expiresInDays: 7 });
    expect(created.status).toBe(201);
    const token = created.body.token as string;
    expect(token).toMatch(/^clt_[A-Za-z0-9_-]{40,}$/);
    expect(created.body).toMatchObject({ displayName: "nightly script", lastUsedDateTime: null });
    expect(token.startsWith(created.body.tokenPrefix)).toBe(true);
    const days = (Date.parse(created.body.expiresDateTime) - Date.now()) / 86400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThan(7.1);

    const list = await agent.get("/api/tokens");
    expect(list.status).toBe(200);
    const listed = list.body.value.find((v: { id: string }) => v.id === created.body.id);
    expect(listed).toMatchObject({ displayName: "nightly script", tokenPrefix: created.body.tokenPrefix });
    expect(listed.token).toBeUndefined();
    expect(JSON.stringify(list.body)).not.toContain(token);
    expect(created.body.tokenPrefix.length).toBeLessThan(token.length / 2);

    const me = await request(t.app).get(`${GRAPH}/me`).set("Authorization", `Bearer ${token}`);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: users.admin.id, userPrincipalName: users.admin.upn });
    // Using the token is recorded.
    const after = (await agent.get("/api/tokens")).body.value.find((v: { id: string }) => v.id === created.body.id);
    expect(after.lastUsedDateTime).not.toBeNull();

    const revoke = await agent.delete(`/api/tokens/${created.body.id}`).set("X-CSRF-Token", csrf);
    expect(revoke.status).toBe(204);
    expectGraphError(await request(t.app).get(`${GRAPH}/me`).set("Authorization", `Bearer ${token}`), 401, { code: "InvalidAuthenticationToken" });
    expect((await agent.get("/api/tokens")).body.value.map((v: { id: string }) => v.id)).not.toContain(created.body.id);
    // Revoking twice: 404.
    expectGraphError(await agent.delete(`/api/tokens/${created.body.id}`).set("X-CSRF-Token", csrf), 404);
  });

  it("a token acts with its user's roles: a Global Reader's token can read but not write", async () => {
    const { agent, csrf } = await signIn(t.app, users.reader.upn);
    const token = (await agent.post("/api/tokens").set("X-CSRF-Token", csrf).send({ displayName: "reader" })).body.token as string;
    const bearer = { Authorization: `Bearer ${token}` };
    expect((await request(t.app).get(`${GRAPH}/users`).set(bearer)).status).toBe(200);
    const res = await request(t.app).post(`${GRAPH}/groups`).set(bearer).send({ displayName: "x", mailEnabled: false, mailNickname: "x", securityEnabled: true });
    expectGraphError(res, 403, { code: "Authorization_RequestDenied", message: "Global Administrator" });
  });

  it("the default lifetime is 30 days; invalid lifetimes and names are 400", async () => {
    const { agent, csrf } = await signIn(t.app, users.intuneAdmin.upn);
    const res = await agent.post("/api/tokens").set("X-CSRF-Token", csrf).send({ displayName: "default" });
    expect(res.status).toBe(201);
    const days = (Date.parse(res.body.expiresDateTime) - Date.now()) / 86400_000;
    expect(Math.round(days)).toBe(30);
    expectGraphError(await agent.post("/api/tokens").set("X-CSRF-Token", csrf).send({ displayName: "x", expiresInDays: 0 }), 400, { message: "expiresInDays" });
    expectGraphError(await agent.post("/api/tokens").set("X-CSRF-Token", csrf).send({ displayName: "x", expiresInDays: 400 }), 400, { message: "expiresInDays" });
    expectGraphError(await agent.post("/api/tokens").set("X-CSRF-Token", csrf).send({ displayName: "" }), 400, { message: "displayName" });
  });

  it("an expired token is refused", async () => {
    const { agent, csrf } = await signIn(t.app, users.admin.upn);
    const created = await agent.post("/api/tokens").set("X-CSRF-Token", csrf).send({ displayName: "expiring", expiresInDays: 1 });
    await t.db.apiToken.update({ where: { id: created.body.id }, data: { expiresDateTime: new Date(Date.now() - 1000) } });
    expectGraphError(await request(t.app).get(`${GRAPH}/me`).set("Authorization", `Bearer ${created.body.token}`), 401);
  });

  it("one user can't list or revoke another user's tokens", async () => {
    const admin = await signIn(t.app, users.admin.upn);
    const created = await admin.agent.post("/api/tokens").set("X-CSRF-Token", admin.csrf).send({ displayName: "admin's" });
    const reader = await signIn(t.app, users.reader.upn);
    const list = await reader.agent.get("/api/tokens");
    expect(list.body.value.map((v: { id: string }) => v.id)).not.toContain(created.body.id);
    expectGraphError(await reader.agent.delete(`/api/tokens/${created.body.id}`).set("X-CSRF-Token", reader.csrf), 404);
    expect((await request(t.app).get(`${GRAPH}/me`).set("Authorization", `Bearer ${created.body.token}`)).status).toBe(200);
  });

  it("a token created in Fabrikam acts in Fabrikam only", async () => {
    const { agent, csrf } = await signIn(t.app, users.admin.upn);
    await agent.post("/api/session/switch").set("X-CSRF-Token", csrf).send({ tenantId: DEMO.fabrikam.tenantId });
    const token = (await agent.post("/api/tokens").set("X-CSRF-Token", csrf).send({ displayName: "fabrikam" })).body.token as string;
    const bearer = { Authorization: `Bearer ${token}` };
    const org = await request(t.app).get(`${GRAPH}/organization`).set(bearer);
    expect(org.body.value[0].id).toBe(DEMO.fabrikam.tenantId);
    expect((await request(t.app).get(`${GRAPH}/me`).set(bearer)).body.id).toBe(DEMO.fabrikam.adminUserId);
    expectGraphError(await request(t.app).get(`${GRAPH}/users/${users.admin.id}`).set(bearer), 404);
  });

  it("token endpoints need a signed-in user", async () => {
    expectGraphError(await request(t.app).get("/api/tokens"), 401);
    expectGraphError(await request(t.app).post("/api/tokens").send({ displayName: "x" }), 401);
  });
});
