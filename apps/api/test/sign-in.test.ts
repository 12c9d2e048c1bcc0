// Portal sign-in: POST/GET/DELETE /api/session, the cookie's flags, CSRF on cookie writes, Switch directory.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { createTestApp, DEMO, PASSWORD, signIn, users, type TestApp } from "./harness.ts";
import { expectGraphError, GRAPH, newGroupBody } from "./helpers.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

function sessionCookie(res: request.Response): string {
  const raw = res.headers["set-cookie"] as unknown as string[] | undefined;
  const cookie = raw?.find((c) => c.startsWith("certlab_session="));
  expect(cookie, "Set-Cookie certlab_session").toBeTruthy();
  return cookie!;
}

describe("POST /api/session", () => {
  it("signs in with the right password: session info and an HttpOnly, SameSite=Strict cookie", async () => {
    const res = await request(t.app).post("/api/session").send({ username: users.admin.upn, password: PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body.user).toEqual({ id: users.admin.id, displayName: users.admin.displayName, userPrincipalName: users.admin.upn });
    expect(res.body.tenant).toMatchObject({ id: DEMO.contoso.tenantId, displayName: "Contoso", initialDomain: DEMO.contoso.domain });
    expect(res.body.roles).toEqual([{ id: users.admin.role, displayName: "Global Administrator" }]);
    expect(res.body.allowedActions).toContain("directory.users.write");
    expect(res.body.directories.map((d: { displayName: string }) => d.displayName)).toEqual(["Contoso", "Fabrikam"]);
    expect(res.body.csrfToken).toMatch(/.{20,}/);

    const cookie = sessionCookie(res);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Strict/i);
    expect(cookie).toMatch(/;\s*Path=\//);
    // The secret is not the CSRF token and never appears in the JSON body.
    const secret = cookie.split(";")[0]!.split("=")[1]!;
    expect(secret.length).toBeGreaterThan(20);
    expect(JSON.stringify(res.body)).not.toContain(secret);
  });

  it("accepts the user name in any case and with surrounding spaces", async () => {
    const res = await request(t.app).post("/api/session").send({ username: `  ${users.reader.upn.toUpperCase()} `, password: PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body.user.userPrincipalName).toBe(users.reader.upn);
    expect(res.body.roles.map((r: { displayName: string }) => r.displayName)).toEqual(["Global Reader"]);
    expect(res.body.allowedActions).not.toContain("directory.users.write");
  });

  it("answers a wrong password and an unknown user with the same 401 and sets no cookie", async () => {
    const wrong = await request(t.app).post("/api/session").send({ username: users.admin.upn, password: "Wrong-Passw0rd!" });
    const unknown = await request(t.app).post("/api/session").send({ username: "nobody@contoso.onmicrosoft.com", password: PASSWORD });
    for (const res of [wrong, unknown]) {
      expectGraphError(res, 401, { message: "Your account or password is incorrect." });
      expect(res.headers["set-cookie"]).toBeUndefined();
    }
    expect(wrong.body.error.code).toBe(unknown.body.error.code);
    expect(wrong.body.error.message).toBe(unknown.body.error.message);
  });

  it("is case-sensitive about the password", async () => {
    const res = await request(t.app).post("/api/session").send({ username: users.admin.upn, password: PASSWORD.toUpperCase() });
    expectGraphError(res, 401);
  });

  it("refuses a disabled account", async () => {
    const { agent: admin, csrf } = await signIn(t.app, users.admin.upn);
    const user = await admin.post(`${GRAPH}/users`).set("X-CSRF-Token", csrf).send({
      accountEnabled: false,
      displayName: "Disabled Dora",
      mailNickname: "dora",
      userPrincipalName: "dora@contoso.onmicrosoft.com",
      passwordProfile: { password: "Dora-Passw0rd!" },
    });
    expect(user.status).toBe(201);
    const res = await request(t.app).post("/api/session").send({ username: "dora@contoso.onmicrosoft.com", password: "Dora-Passw0rd!" });
    expectGraphError(res, 401, { message: "locked" });
    expect(res.headers["set-cookie"]).toBeUndefined();
  });
});

describe("GET /api/session and sign-out", () => {
  it("returns the session for the cookie, and 401 without one", async () => {
    const { agent } = await signIn(t.app, users.intuneAdmin.upn);
    const res = await agent.get("/api/session");
    expect(res.status).toBe(200);
    expect(res.body.user.userPrincipalName).toBe(users.intuneAdmin.upn);
    expect(res.body.roles.map((r: { displayName: string }) => r.displayName)).toEqual(["Intune Administrator"]);

    expectGraphError(await request(t.app).get("/api/session"), 401);
    expectGraphError(await request(t.app).get("/api/session").set("Cookie", "certlab_session=forged-value"), 401);
  });

  it("sign-out invalidates the cookie: a later call with the old cookie is 401", async () => {
    const login = await request(t.app).post("/api/session").send({ username: users.admin.upn, password: PASSWORD });
    const cookie = sessionCookie(login).split(";")[0]!;
    const csrf = login.body.csrfToken as string;
    expect((await request(t.app).get("/api/session").set("Cookie", cookie)).status).toBe(200);
    expect((await request(t.app).get(`${GRAPH}/me`).set("Cookie", cookie)).status).toBe(200);

    const out = await request(t.app).delete("/api/session").set("Cookie", cookie).set("X-CSRF-Token", csrf);
    expect(out.status).toBe(204);
    // The browser is told to forget the cookie.
    expect(sessionCookie(out)).toMatch(/Max-Age=0/);

    expectGraphError(await request(t.app).get("/api/session").set("Cookie", cookie), 401);
    expectGraphError(await request(t.app).get(`${GRAPH}/me`).set("Cookie", cookie), 401);
  });

  it("sign-out of one session leaves the user's other sessions signed in", async () => {
    const a = await signIn(t.app, users.reader.upn);
    const b = await signIn(t.app, users.reader.upn);
    expect((await a.agent.delete("/api/session").set("X-CSRF-Token", a.csrf)).status).toBe(204);
    expect((await a.agent.get("/api/session")).status).toBe(401);
    expect((await b.agent.get("/api/session")).status).toBe(200);
  });
});

describe("CSRF on cookie-authenticated writes", () => {
  it("a write without X-CSRF-Token is 403 and changes nothing", async () => {
    const { agent, csrf } = await signIn(t.app, users.admin.upn);
    const before = await t.db.group.count();
    const auditsBefore = await t.db.auditLog.count();

    const missing = await agent.post(`${GRAPH}/groups`).send(newGroupBody("CSRF Missing"));
    expectGraphError(missing, 403, { message: "X-CSRF-Token" });
    const wrong = await agent.post(`${GRAPH}/groups`).set("X-CSRF-Token", "not-the-token").send(newGroupBody("CSRF Wrong"));
    expectGraphError(wrong, 403, { message: "X-CSRF-Token" });
    const patch = await agent.patch(`${GRAPH}/users/${users.reader.id}`).send({ jobTitle: "Hacked" });
    expectGraphError(patch, 403);
    const signOut = await agent.delete("/api/session");
    expectGraphError(signOut, 403);

    expect(await t.db.group.count()).toBe(before);
    expect(await t.db.auditLog.count()).toBe(auditsBefore);
    expect((await t.db.user.findUniqueOrThrow({ where: { id: users.reader.id } })).jobTitle).toBeNull();
    // Still signed in (the forged sign-out did nothing), and the same write with the token works.
    expect((await agent.get("/api/session")).status).toBe(200);
    const ok = await agent.post(`${GRAPH}/groups`).set("X-CSRF-Token", csrf).send(newGroupBody("CSRF Ok"));
    expect(ok.status).toBe(201);
  });

  it("a bearer-token write needs no CSRF header", async () => {
    const { agent, csrf } = await signIn(t.app, users.admin.upn);
    const token = (await agent.post("/api/tokens").set("X-CSRF-Token", csrf).send({ displayName: "csrf test" })).body.token as string;
    const res = await request(t.app).post(`${GRAPH}/groups`).set("Authorization", `Bearer ${token}`).send(newGroupBody("Bearer Write"));
    expect(res.status).toBe(201);
  });
});

describe("Switch directory", () => {
  it("switching to Fabrikam changes /organization and /me; switching back restores Contoso", async () => {
    const { agent, csrf } = await signIn(t.app, users.admin.upn);
    const orgBefore = await agent.get(`${GRAPH}/organization`);
    expect(orgBefore.body.value[0].displayName).toBe("Contoso");

    const sw = await agent.post("/api/session/switch").set("X-CSRF-Token", csrf).send({ tenantId: DEMO.fabrikam.tenantId });
    expect(sw.status).toBe(200);
    expect(sw.body.tenant).toMatchObject({ id: DEMO.fabrikam.tenantId, displayName: "Fabrikam" });
    expect(sw.body.user.userPrincipalName).toBe("admin_contoso.onmicrosoft.com#EXT#@fabrikam.onmicrosoft.com");
    expect(sw.body.roles.map((r: { displayName: string }) => r.displayName)).toEqual(["Global Administrator"]);

    const org = await agent.get(`${GRAPH}/organization`);
    expect(org.status).toBe(200);
    expect(org.body.value).toHaveLength(1);
    expect(org.body.value[0]).toMatchObject({ id: DEMO.fabrikam.tenantId, displayName: "Fabrikam" });
    const me = await agent.get(`${GRAPH}/me`);
    expect(me.body).toMatchObject({ id: DEMO.fabrikam.adminUserId, userType: "Guest" });
    // Contoso's objects are out of reach while in Fabrikam.
    expectGraphError(await agent.get(`${GRAPH}/users/${users.reader.id}`), 404);
    expect((await agent.get("/api/session")).body.tenant.id).toBe(DEMO.fabrikam.tenantId);

    const back = await agent.post("/api/session/switch").set("X-CSRF-Token", csrf).send({ tenantId: DEMO.contoso.tenantId });
    expect(back.status).toBe(200);
    expect((await agent.get(`${GRAPH}/me`)).body.id).toBe(users.admin.id);
  });

  it("switching to a directory you are not a member of is 404 and leaves the session where it was", async () => {
    const { agent, csrf } = await signIn(t.app, users.reader.upn);
    const res = await agent.post("/api/session/switch").set("X-CSRF-Token", csrf).send({ tenantId: DEMO.fabrikam.tenantId });
    expectGraphError(res, 404);
    const unknown = await agent.post("/api/session/switch").set("X-CSRF-Token", csrf).send({ tenantId: "00000000-0000-0000-0000-0000000000aa" });
    expectGraphError(unknown, 404);
    expect((await agent.get("/api/session")).body.tenant.id).toBe(DEMO.contoso.tenantId);
  });

  it("switch needs a valid tenant id and the CSRF token", async () => {
    const { agent, csrf } = await signIn(t.app, users.admin.upn);
    expectGraphError(await agent.post("/api/session/switch").set("X-CSRF-Token", csrf).send({ tenantId: "fabrikam" }), 400, { message: "tenantId" });
    expectGraphError(await agent.post("/api/session/switch").send({ tenantId: DEMO.fabrikam.tenantId }), 403);
    expect((await agent.get("/api/session")).body.tenant.id).toBe(DEMO.contoso.tenantId);
  });
});
