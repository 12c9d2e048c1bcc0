// /graph/beta/users: list, create (and sign in as the new user), validation, PATCH, ETag/If-Match, DELETE,
// assignLicense and memberOf — what a Graph script would see.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { SKU_IDS } from "@certlab/domain/directory/licenses";
import { PASSWORD_COMPLEXITY_MESSAGE } from "@certlab/domain/directory/password-policy";
import { bearerFor, createTestApp, DEMO, users, type TestApp } from "./harness.ts";
import { expectGraphError, GRAPH, newUserBody, pathOf, strongPassword } from "./helpers.ts";

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

async function createUser(alias: string, extra: Record<string, unknown> = {}) {
  const res = await api().post(`${GRAPH}/users`).set(admin).send({ ...newUserBody(alias), ...extra });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res;
}

describe("GET /users", () => {
  it("lists the directory's users with @odata.context, on beta and v1.0", async () => {
    for (const version of ["beta", "v1.0"]) {
      const res = await api().get(`/graph/${version}/users`).set(admin);
      expect(res.status).toBe(200);
      expect(res.body["@odata.context"]).toMatch(new RegExp(`/graph/${version.replace(".", "\\.")}/\\$metadata#users$`));
      const upns = res.body.value.map((u: { userPrincipalName: string }) => u.userPrincipalName);
      for (const u of Object.values(users)) expect(upns).toContain(u.upn);
      // Fabrikam's guest is not in Contoso's list.
      expect(upns.some((u: string) => u.includes("#EXT#"))).toBe(false);
      const a = res.body.value.find((u: { id: string }) => u.id === users.admin.id);
      expect(a).toMatchObject({ "@odata.type": "#microsoft.graph.user", displayName: "Contoso Admin", accountEnabled: true, usageLocation: "US" });
      expect(a.assignedLicenses).toEqual([{ skuId: SKU_IDS.EMS, disabledPlans: [] }]);
      expect(a.passwordProfile).toBeUndefined();
    }
  });

  it("gets a user by id and by userPrincipalName", async () => {
    const byId = await api().get(`${GRAPH}/users/${users.reader.id}`).set(admin);
    expect(byId.status).toBe(200);
    expect(byId.body["@odata.context"]).toMatch(/\$metadata#users\/\$entity$/);
    const byUpn = await api().get(`${GRAPH}/users/${users.reader.upn.toUpperCase()}`).set(admin);
    expect(byUpn.body.id).toBe(users.reader.id);
  });
});

describe("POST /users", () => {
  it("creates a user: 201, Location, the entity; and the new user can sign in with its password", async () => {
    const password = strongPassword();
    const res = await createUser("ada.lovelace", { passwordProfile: { password }, jobTitle: "Analyst", usageLocation: "GB" });
    expect(res.body).toMatchObject({
      "@odata.type": "#microsoft.graph.user",
      userPrincipalName: "ada.lovelace@contoso.onmicrosoft.com",
      displayName: "Test ada.lovelace",
      jobTitle: "Analyst",
      usageLocation: "GB",
      accountEnabled: true,
      userType: "Member",
      assignedLicenses: [],
    });
    expect(res.body.passwordProfile).toBeUndefined();
    expect(res.headers.location).toMatch(new RegExp(`/graph/beta/users/${res.body.id}$`));
    const fetched = await api().get(pathOf(res.headers.location as string)).set(admin);
    expect(fetched.status).toBe(200);
    expect(fetched.body.id).toBe(res.body.id);

    const signIn = await api().post("/api/session").send({ username: "ada.lovelace@contoso.onmicrosoft.com", password });
    expect(signIn.status).toBe(200);
    expect(signIn.body.user.id).toBe(res.body.id);
    expect(signIn.body.roles).toEqual([]);
    // ... but not with another password.
    expectGraphError(await api().post("/api/session").send({ username: "ada.lovelace@contoso.onmicrosoft.com", password: PASSWORD_NOT(password) }), 401);
  });

  it("refuses a userPrincipalName on a domain the directory hasn't verified (400 naming userPrincipalName)", async () => {
    const before = await t.db.user.count();
    const res = await api().post(`${GRAPH}/users`).set(admin).send(newUserBody("eve", "contoso.com"));
    expectGraphError(res, 400, { code: "Request_BadRequest", message: "userPrincipalName" });
    expect(res.body.error.details.map((d: { target: string }) => d.target)).toContain("userPrincipalName");
    // Fabrikam's domain belongs to another directory.
    expectGraphError(await api().post(`${GRAPH}/users`).set(admin).send(newUserBody("eve", DEMO.fabrikam.domain)), 400, { message: "userPrincipalName" });
    expect(await t.db.user.count()).toBe(before);
  });

  it("refuses a duplicate userPrincipalName, in any case", async () => {
    await createUser("dup.user");
    const res = await api().post(`${GRAPH}/users`).set(admin).send(newUserBody("DUP.User"));
    expectGraphError(res, 400, { message: "Another object with the same value for property userPrincipalName already exists." });
    const clash = await api().post(`${GRAPH}/users`).set(admin).send(newUserBody("admin"));
    expectGraphError(clash, 400, { message: "userPrincipalName" });
    expect(await t.db.user.count({ where: { userPrincipalName: "dup.user@contoso.onmicrosoft.com" } })).toBe(1);
  });

  it("refuses a weak password with Entra's complexity message", async () => {
    for (const weak of ["short1!", "alllowercaseletters", "NoDigitsOrSymbols"]) {
      const res = await api().post(`${GRAPH}/users`).set(admin).send(newUserBody("weak.pw", undefined, weak));
      expectGraphError(res, 400, { message: PASSWORD_COMPLEXITY_MESSAGE });
      expect(res.body.error.details[0].target).toBe("passwordProfile.password");
    }
    expect(await t.db.user.count({ where: { userPrincipalName: "weak.pw@contoso.onmicrosoft.com" } })).toBe(0);
    expect(await t.db.account.count({ where: { signInName: "weak.pw@contoso.onmicrosoft.com" } })).toBe(0);
  });

  it("names every missing required property", async () => {
    const res = await api().post(`${GRAPH}/users`).set(admin).send({ displayName: "Only a name" });
    expectGraphError(res, 400);
    const targets = res.body.error.details.map((d: { target: string }) => d.target);
    expect(targets).toEqual(expect.arrayContaining(["accountEnabled", "mailNickname", "userPrincipalName", "passwordProfile"]));
    for (const f of ["accountEnabled", "mailNickname", "userPrincipalName", "passwordProfile"]) expect(res.body.error.message).toContain(f);
  });
});

describe("PATCH / ETag / DELETE", () => {
  it("PATCH → 204 and the change is visible", async () => {
    const { body: u } = await createUser("patch.me");
    const res = await api().patch(`${GRAPH}/users/${u.id}`).set(admin).send({ jobTitle: "Engineer", department: "PKI", usageLocation: "FR" });
    expect(res.status).toBe(204);
    expect(res.text).toBe("");
    const got = await api().get(`${GRAPH}/users/${u.id}`).set(admin);
    expect(got.body).toMatchObject({ jobTitle: "Engineer", department: "PKI", usageLocation: "FR", displayName: "Test patch.me" });
    // null clears an optional property.
    expect((await api().patch(`${GRAPH}/users/${u.id}`).set(admin).send({ jobTitle: null })).status).toBe(204);
    expect((await api().get(`${GRAPH}/users/${u.id}`).set(admin)).body.jobTitle).toBeNull();
  });

  it("renaming the UPN moves the sign-in name; a password reset changes the password", async () => {
    const { body: u } = await createUser("rename.me");
    expect((await api().patch(`${GRAPH}/users/${u.id}`).set(admin).send({ userPrincipalName: "renamed@contoso.onmicrosoft.com" })).status).toBe(204);
    const newPassword = strongPassword();
    expect((await api().patch(`${GRAPH}/users/${u.id}`).set(admin).send({ passwordProfile: { password: newPassword } })).status).toBe(204);
    expect((await api().post("/api/session").send({ username: "renamed@contoso.onmicrosoft.com", password: newPassword })).status).toBe(200);
    expect((await api().post("/api/session").send({ username: "rename.me@contoso.onmicrosoft.com", password: newPassword })).status).toBe(401);
    expectGraphError(await api().patch(`${GRAPH}/users/${u.id}`).set(admin).send({ passwordProfile: { password: "weak" } }), 400, { message: PASSWORD_COMPLEXITY_MESSAGE });
  });

  it("GET sends an ETag; PATCH with a stale If-Match is 412 and changes nothing; the current one succeeds", async () => {
    const { body: u } = await createUser("etag.user");
    const first = await api().get(`${GRAPH}/users/${u.id}`).set(admin);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^W\/"\d+"$/);
    expect(first.body["@odata.etag"]).toBe(etag);

    expect((await api().patch(`${GRAPH}/users/${u.id}`).set(admin).set("If-Match", etag).send({ jobTitle: "First writer" })).status).toBe(204);
    const second = await api().get(`${GRAPH}/users/${u.id}`).set(admin);
    expect(second.headers.etag).not.toBe(etag);

    const audits = await t.db.auditLog.count();
    const stale = await api().patch(`${GRAPH}/users/${u.id}`).set(admin).set("If-Match", etag).send({ jobTitle: "Second writer" });
    expectGraphError(stale, 412, { message: etag });
    expect((await api().get(`${GRAPH}/users/${u.id}`).set(admin)).body.jobTitle).toBe("First writer");
    expect(await t.db.auditLog.count()).toBe(audits);
    // A stale DELETE is refused too.
    expectGraphError(await api().delete(`${GRAPH}/users/${u.id}`).set(admin).set("If-Match", etag), 412);

    const ok = await api().patch(`${GRAPH}/users/${u.id}`).set(admin).set("If-Match", second.headers.etag as string).send({ jobTitle: "Second writer" });
    expect(ok.status).toBe(204);
    expect((await api().patch(`${GRAPH}/users/${u.id}`).set(admin).set("If-Match", "*").send({ jobTitle: "Star" })).status).toBe(204);
  });

  it("DELETE → 204, then GET is 404 and the user can no longer sign in", async () => {
    const password = strongPassword();
    const { body: u } = await createUser("delete.me", { passwordProfile: { password } });
    expect((await api().delete(`${GRAPH}/users/${u.id}`).set(admin)).status).toBe(204);
    expectGraphError(await api().get(`${GRAPH}/users/${u.id}`).set(admin), 404, { code: "Request_ResourceNotFound", message: u.id });
    expectGraphError(await api().delete(`${GRAPH}/users/${u.id}`).set(admin), 404);
    expectGraphError(await api().post("/api/session").send({ username: "delete.me@contoso.onmicrosoft.com", password }), 401);
    // The UPN is free again.
    await createUser("delete.me");
  });

  it("an administrator can't delete the account they are signed in with", async () => {
    expectGraphError(await api().delete(`${GRAPH}/users/${users.admin.id}`).set(admin), 400);
    expect((await api().get(`${GRAPH}/users/${users.admin.id}`).set(admin)).status).toBe(200);
  });
});

describe("POST /users/{id}/assignLicense", () => {
  it("needs a usage location first", async () => {
    const { body: u } = await createUser("no.location");
    const res = await api().post(`${GRAPH}/users/${u.id}/assignLicense`).set(admin).send({ addLicenses: [{ skuId: SKU_IDS.EMS }], removeLicenses: [] });
    expectGraphError(res, 400, { message: "usage location" });
    expect(res.body.error.details[0].target).toBe("usageLocation");
    expect((await api().get(`${GRAPH}/users/${u.id}`).set(admin)).body.assignedLicenses).toEqual([]);
  });

  it("refuses a SKU the directory doesn't own", async () => {
    const { body: u } = await createUser("wrong.sku", { usageLocation: "US" });
    const res = await api().post(`${GRAPH}/users/${u.id}/assignLicense`).set(admin).send({ addLicenses: [{ skuId: SKU_IDS.SPE_E5 }], removeLicenses: [] });
    expectGraphError(res, 400, { message: SKU_IDS.SPE_E5 });
    expect(res.body.error.details[0].target).toBe("addLicenses[0].skuId");
  });

  it("assigns and removes an owned licence, visible on the user and in subscribedSkus", async () => {
    const { body: u } = await createUser("licensed", { usageLocation: "US" });
    const consumed = async () =>
      (await api().get(`${GRAPH}/subscribedSkus`).set(admin)).body.value.find((s: { skuId: string }) => s.skuId === SKU_IDS.EMS).consumedUnits as number;
    const before = await consumed();
    const res = await api().post(`${GRAPH}/users/${u.id}/assignLicense`).set(admin).send({ addLicenses: [{ skuId: SKU_IDS.EMS.toUpperCase(), disabledPlans: [] }], removeLicenses: [] });
    expect(res.status).toBe(200);
    expect(res.body.assignedLicenses).toEqual([{ skuId: SKU_IDS.EMS, disabledPlans: [] }]);
    expect((await api().get(`${GRAPH}/users/${u.id}`).set(admin)).body.assignedLicenses).toEqual([{ skuId: SKU_IDS.EMS, disabledPlans: [] }]);
    expect(await consumed()).toBe(before + 1);

    const removed = await api().post(`${GRAPH}/users/${u.id}/assignLicense`).set(admin).send({ addLicenses: [], removeLicenses: [SKU_IDS.EMS] });
    expect(removed.status).toBe(200);
    expect(removed.body.assignedLicenses).toEqual([]);
    expect(await consumed()).toBe(before);
  });

  it("both arrays are required, as in Graph", async () => {
    expectGraphError(await api().post(`${GRAPH}/users/${users.admin.id}/assignLicense`).set(admin).send({ addLicenses: [] }), 400, { message: "removeLicenses" });
  });
});

describe("memberOf", () => {
  it("lists the groups a user belongs to", async () => {
    const res = await api().get(`${GRAPH}/users/${users.admin.id}/memberOf`).set(admin);
    expect(res.status).toBe(200);
    expect(res.body.value.map((g: { id: string; "@odata.type": string }) => [g.id, g["@odata.type"]])).toEqual([[DEMO.contoso.pilotGroupId, "#microsoft.graph.group"]]);
    expect((await api().get(`${GRAPH}/users/${users.reader.id}/memberOf`).set(admin)).body.value).toEqual([]);
    const me = await api().get(`${GRAPH}/me/memberOf`).set(admin);
    expect(me.body.value.map((g: { displayName: string }) => g.displayName)).toEqual(["Certlab Pilot Users"]);
    expectGraphError(await api().get(`${GRAPH}/users/00000000-0000-0000-0000-000000000000/memberOf`).set(admin), 404);
  });
});

function PASSWORD_NOT(p: string): string {
  return `${p}x`;
}
