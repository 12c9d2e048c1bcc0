// Bad input: every client mistake is a 4xx with Graph's error body naming the problem — never a 500 — and
// nothing is written.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { bearerFor, createTestApp, DEMO, signIn, users, type TestApp } from "./harness.ts";
import { expectGraphError, GRAPH, newGroupBody, newUserBody, targetsOf } from "./helpers.ts";

let t: TestApp;
let admin: Record<string, string>;
let token: string;
const api = () => request(t.app);

beforeAll(async () => {
  t = await createTestApp();
  token = await bearerFor(t.app, users.admin.upn);
  admin = { Authorization: `Bearer ${token}` };
});
afterAll(async () => {
  await t.close();
});

const rawJson = (method: "post" | "patch", path: string, body: string, headers: Record<string, string> = admin) =>
  api()[method](path).set(headers).set("Content-Type", "application/json").send(body);

describe("request bodies", () => {
  it("malformed JSON is 400 (not 500) on Graph and on the lab API", async () => {
    const before = await t.db.user.count();
    expectGraphError(await rawJson("post", `${GRAPH}/users`, '{"displayName": "x",'), 400, { message: "JSON" });
    expectGraphError(await rawJson("patch", `${GRAPH}/users/${users.reader.id}`, "{jobTitle: 'x'}"), 400, { message: "JSON" });
    expectGraphError(await rawJson("post", "/api/session", '{"username":'), 400, { message: "JSON" });
    expect(await t.db.user.count()).toBe(before);
  });

  it("a body that is a JSON array, string, number or null is 400", async () => {
    for (const body of ["[]", '[{"displayName":"x"}]', '"hello"', "42", "null", "true"]) {
      const res = await rawJson("post", `${GRAPH}/groups`, body);
      expectGraphError(res, 400);
    }
    const arr = await rawJson("post", `${GRAPH}/groups`, "[]");
    expect(arr.body.error.message).toMatch(/object/i);
  });

  it("no body, or a body that isn't JSON, is 400", async () => {
    expectGraphError(await api().post(`${GRAPH}/groups`).set(admin), 400);
    expectGraphError(await api().post(`${GRAPH}/groups`).set(admin).set("Content-Type", "text/plain").send("displayName=x"), 400);
    expectGraphError(await api().post(`${GRAPH}/groups`).set(admin).type("form").send({ displayName: "x" }), 400);
    expectGraphError(await api().post("/api/session").send(), 400);
  });

  it("an unknown field is 400 naming it", async () => {
    const res = await api().post(`${GRAPH}/groups`).set(admin).send(newGroupBody("Unknown Field", { colour: "blue" }));
    expectGraphError(res, 400, { code: "Request_BadRequest", message: "colour" });
    expect(targetsOf(res)).toContain("colour");
    const nested = await api().post(`${GRAPH}/users`).set(admin).send({ ...newUserBody("nested"), passwordProfile: { password: "Str0ng-Passw0rd!", expires: true } });
    expectGraphError(nested, 400, { message: "expires" });
    expect(targetsOf(nested).join(" ")).toContain("passwordProfile");
    expectGraphError(await api().patch(`${GRAPH}/users/${users.reader.id}`).set(admin).send({ id: "00000000-0000-0000-0000-000000000000" }), 400, { message: "'id'" });
    expectGraphError(await api().post("/api/session").send({ username: users.admin.upn, password: "x", remember: true }), 400, { message: "remember" });
    expect(await t.db.group.count({ where: { displayName: "Unknown Field" } })).toBe(0);
  });

  it("a wrong type is 400 naming the field path", async () => {
    const cases: [string, "post" | "patch", Record<string, unknown>, string][] = [
      [`${GRAPH}/users`, "post", { ...newUserBody("typed"), accountEnabled: "true" }, "accountEnabled"],
      [`${GRAPH}/users`, "post", { ...newUserBody("typed"), passwordProfile: { password: 12345678 } }, "passwordProfile.password"],
      [`${GRAPH}/users/${users.reader.id}`, "patch", { usageLocation: "usa" }, "usageLocation"],
      [`${GRAPH}/users/${users.reader.id}`, "patch", { displayName: ["x"] }, "displayName"],
      [`${GRAPH}/users/${users.reader.id}/assignLicense`, "post", { addLicenses: [{ skuId: "EMS" }], removeLicenses: [] }, "addLicenses[0].skuId"],
      [`${GRAPH}/groups`, "post", newGroupBody("typed", { "members@odata.bind": "https://graph.microsoft.com/v1.0/directoryObjects/x" }), "members@odata.bind"],
      [`${GRAPH}/groups`, "post", newGroupBody("typed", { groupTypes: ["Dynamic"] }), "groupTypes[0]"],
      [`${GRAPH}/organization/${DEMO.contoso.tenantId}`, "patch", { privacyProfile: { contactEmail: 7 } }, "privacyProfile.contactEmail"],
      ["/api/tokens", "post", { displayName: "t", expiresInDays: "30" }, "expiresInDays"],
    ];
    for (const [path, method, body, field] of cases) {
      const res = await api()[method](path).set(admin).send(body);
      expectGraphError(res, 400, { message: field });
      expect(targetsOf(res), `${path} ${JSON.stringify(res.body)}`).toContain(field);
    }
  });

  it("empty and over-long strings are refused", async () => {
    expectGraphError(await api().post(`${GRAPH}/groups`).set(admin).send(newGroupBody("   ")), 400, { message: "displayName" });
    expectGraphError(await api().post(`${GRAPH}/groups`).set(admin).send(newGroupBody("x".repeat(5000))), 400, { message: "displayName" });
    expectGraphError(await api().post(`${GRAPH}/users`).set(admin).send({ ...newUserBody("spaced"), mailNickname: "has space" }), 400, { message: "mailNickname" });
  });

  it("a body over 1 MB is 413", async () => {
    const big = JSON.stringify(newGroupBody("Big", { description: "x".repeat(1_100_000) }));
    const res = await rawJson("post", `${GRAPH}/groups`, big);
    expectGraphError(res, 413);
    expect(await t.db.group.count({ where: { displayName: "Big" } })).toBe(0);
  });

  it("an unsupported charset or encoding is 415, not 500", async () => {
    const res = await api().post(`${GRAPH}/groups`).set(admin).set("Content-Type", "application/json; charset=ebcdic").send(JSON.stringify(newGroupBody("cs")));
    expectGraphError(res, 415);
    const enc = await api().post(`${GRAPH}/groups`).set(admin).set("Content-Type", "application/json").set("Content-Encoding", "compress").send(JSON.stringify(newGroupBody("enc")));
    expectGraphError(enc, 415);
  });

  it("prototype-pollution keys are refused and pollute nothing", async () => {
    const res = await rawJson("post", `${GRAPH}/groups`, JSON.stringify({ ...newGroupBody("Proto") }).replace(/}$/, ',"__proto__":{"isAdmin":true}}'));
    expect(res.status).toBeLessThan(500);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    const ctor = await api().patch(`${GRAPH}/users/${users.reader.id}`).set(admin).send({ constructor: { prototype: { x: 1 } } });
    expectGraphError(ctor, 400, { message: "constructor" });
  });
});

describe("authentication errors", () => {
  it("unauthenticated is 401 with Graph's error body; client-request-id is echoed when sent", async () => {
    const res = await api().get(`${GRAPH}/users`);
    expectGraphError(res, 401, { code: "InvalidAuthenticationToken" });
    expect(res.body.error.innerError["client-request-id"]).toBe(res.body.error.innerError["request-id"]);
    expect(res.headers["request-id"]).toBe(res.body.error.innerError["request-id"]);

    const crid = "5f20c0fe-279c-4c59-bdd2-1ea5a9613d81";
    const echoed = await api().get(`${GRAPH}/me`).set("client-request-id", crid);
    expectGraphError(echoed, 401);
    expect(echoed.body.error.innerError["client-request-id"]).toBe(crid);
    expect(echoed.headers["client-request-id"]).toBe(crid);
    expect(echoed.body.error.innerError["request-id"]).not.toBe(crid);
    // Echoed on successes too.
    const ok = await api().get(`${GRAPH}/me`).set(admin).set("client-request-id", crid);
    expect(ok.status).toBe(200);
    expect(ok.headers["client-request-id"]).toBe(crid);
    // A header that isn't an id is not reflected.
    const evil = await api().get(`${GRAPH}/me`).set("client-request-id", "<script>alert(1)</script>");
    expect(evil.body.error.innerError["client-request-id"]).not.toContain("<");
  });

  it("garbage, empty, wrong-scheme and unknown tokens are 401", async () => {
    for (const auth of ["Bearer garbage", "Bearer eyJhbGciOiJub25lIn0.eyJ0aWQiOiJ4In0.", "Bearer a.b.c", "Bearer clt_notarealtoken", "Bearer ", "Basic YWRtaW46cGFzcw==", "Bearer x y", `Bearer ${token}x`]) {
      const res = await api().get(`${GRAPH}/me`).set("Authorization", auth);
      expectGraphError(res, 401, { code: "InvalidAuthenticationToken" });
    }
    // An unsigned "alg: none" token claiming to be the admin.
    const header = Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url");
    const payload = Buffer.from(JSON.stringify({ tid: DEMO.contoso.tenantId, oid: users.admin.id, idtyp: "user", aud: "https://graph.microsoft.com" })).toString("base64url");
    expectGraphError(await api().get(`${GRAPH}/me`).set("Authorization", `Bearer ${header}.${payload}.`), 401);
  });

  it("a bad Authorization header wins over a valid cookie (no silent fallback)", async () => {
    const { agent } = await signIn(t.app, users.reader.upn);
    expect((await agent.get(`${GRAPH}/me`)).status).toBe(200);
    expectGraphError(await agent.get(`${GRAPH}/me`).set("Authorization", "Bearer garbage"), 401);
  });

  it("wrong credentials on sign-in are 401; a malformed user name is 400 naming username", async () => {
    expectGraphError(await api().post("/api/session").send({ username: "not-an-email", password: "x" }), 400, { message: "username" });
    expectGraphError(await api().post("/api/session").send({ username: users.admin.upn, password: "" }), 400, { message: "password" });
    expectGraphError(await api().post("/api/session").send({ username: users.admin.upn, password: 12345 }), 400, { message: "password" });
  });
});

describe("paths", () => {
  it("an unknown Graph segment is 400 naming it", async () => {
    const res = await api().get(`${GRAPH}/frobnicators`).set(admin);
    expectGraphError(res, 400, { message: "frobnicators" });
    expectGraphError(await api().get(`/graph/v1.0/devices/123`).set(admin), 400, { message: "devices" });
  });

  it("an unknown segment deeper in the path is the one named", async () => {
    expectGraphError(await api().get(`${GRAPH}/users/${users.reader.id}/manager2`).set(admin), 400, { message: "'manager2'" });
    expectGraphError(await api().get(`${GRAPH}/roleManagement/directory/roleDefinitionz`).set(admin), 400, { message: "'roleDefinitionz'" });
    expectGraphError(await api().get(`${GRAPH}/groups/${DEMO.contoso.pilotGroupId}/owners`).set(admin), 400, { message: "'owners'" });
  });

  it("a method the resource doesn't support is 405 with Allow, as Graph answers", async () => {
    const cases: [request.Test, string][] = [
      [api().put(`${GRAPH}/users/${users.reader.id}`).set(admin).send({ displayName: "x" }), "DELETE, GET, HEAD, PATCH"],
      [api().delete(`${GRAPH}/organization/${DEMO.contoso.tenantId}`).set(admin), "GET, HEAD, PATCH"],
      [api().post(`${GRAPH}/me`).set(admin).send({}), "GET, HEAD"],
      [api().delete(`${GRAPH}/users`).set(admin), "GET, HEAD, POST"],
      [api().patch(`${GRAPH}/roleManagement/directory/roleAssignments/x`).set(admin).send({}), "DELETE, GET, HEAD"],
    ];
    for (const [req, allow] of cases) {
      const res = await req;
      expectGraphError(res, 405, { code: "Request_BadRequest", message: "Specified HTTP method is not allowed for the request target." });
      expect(res.headers.allow).toBe(allow);
    }
    expect((await api().get(`${GRAPH}/users/${users.reader.id}`).set(admin)).body.displayName).toBe("Global Reader");
    expect(await t.db.tenant.count()).toBe(2);
  });

  it("an unknown id is 404; a malformed id is 404, not 500", async () => {
    for (const id of ["00000000-0000-0000-0000-000000000000", "not-a-guid", "' or 1=1 --", "%E2%98%83", "a".repeat(300)]) {
      expectGraphError(await api().get(`${GRAPH}/users/${id}`).set(admin), 404);
      expectGraphError(await api().get(`${GRAPH}/groups/${id}`).set(admin), 404);
      expectGraphError(await api().patch(`${GRAPH}/groups/${id}`).set(admin).send({ description: "x" }), 404);
      expectGraphError(await api().delete(`${GRAPH}/roleManagement/directory/roleAssignments/${id}`).set(admin), 404);
    }
  });

  it("an unknown lab API route is 404", async () => {
    expectGraphError(await api().get("/api/does-not-exist").set(admin), 404);
  });

  it("a broken percent-encoding in the path is 400, not 500", async () => {
    const res = await api().get(`${GRAPH}/users/%E0%A4%A`).set(admin);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });
});

describe("no client mistake produces a 5xx", () => {
  it("a battery of odd requests all answer 4xx with Graph's error body", async () => {
    const gid = DEMO.contoso.pilotGroupId;
    const reqs: [string, () => request.Test][] = [
      ["PUT users", () => api().put(`${GRAPH}/users/${users.reader.id}`).set(admin).send({ displayName: "x" })],
      ["DELETE organization", () => api().delete(`${GRAPH}/organization/${DEMO.contoso.tenantId}`).set(admin)],
      ["POST me", () => api().post(`${GRAPH}/me`).set(admin).send({})],
      ["PATCH empty", () => api().patch(`${GRAPH}/groups/${gid}`).set(admin).send("")],
      ["ref to a non-URL", () => api().post(`${GRAPH}/groups/${gid}/members/$ref`).set(admin).send({ "@odata.id": 42 })],
      ["ref to a URL without id", () => api().post(`${GRAPH}/groups/${gid}/members/$ref`).set(admin).send({ "@odata.id": "https://graph.microsoft.com/" })],
      ["bind with junk", () => api().post(`${GRAPH}/groups`).set(admin).send(newGroupBody("Junk", { "members@odata.bind": ["https://graph.microsoft.com/v1.0/directoryObjects/'); DROP TABLE"] }))],
      ["filter with unicode", () => api().get(`${GRAPH}/users`).query({ $filter: "displayName eq '☃\u0000' or jobTitle eq" }).set(admin)],
      ["unbalanced deep filter", () => api().get(`${GRAPH}/users`).query({ $filter: `${"(".repeat(1500)}accountEnabled eq true${")".repeat(1499)}` }).set(admin)],
      ["select junk", () => api().get(`${GRAPH}/users`).query({ $select: "displayName,,id" }).set(admin)],
      ["expand junk", () => api().get(`${GRAPH}/users`).query({ $expand: "((" }).set(admin)],
      ["array query", () => api().get(`${GRAPH}/users?$filter[a]=1`).set(admin)],
      ["switch with junk", () => api().post("/api/session/switch").set(admin).send({ tenantId: ["x"] })],
      ["token for nobody", () => api().post(`/${DEMO.contoso.tenantId}/oauth2/v2.0/token`).type("form").send("grant_type=password&client_id=x&username[]=a&password=b")],
      ["findings of junk", () => api().get("/api/tenants/%00/findings").set(admin)],
      ["if-match junk", () => api().patch(`${GRAPH}/groups/${gid}`).set(admin).set("If-Match", "\"\"\",,W/").send({ description: "x" })],
      ["deep JSON", () => rawJson("post", `${GRAPH}/groups`, `${'{"a":'.repeat(2000)}1${"}".repeat(2000)}`)],
    ];
    for (const [label, make] of reqs) {
      const res = await make();
      expect(res.status, `${label}: ${res.status} ${JSON.stringify(res.body)}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `${label}: ${JSON.stringify(res.body)}`).toBeLessThan(500);
    }
    // Deeply nested but valid filters are evaluated, not a stack overflow.
    const deep = await api().get(`${GRAPH}/users`).query({ $filter: `${"(".repeat(1500)}accountEnabled eq true${")".repeat(1500)}` }).set(admin);
    expect(deep.status).toBe(200);
    expect(deep.body.value.length).toBeGreaterThan(0);
    const nots = await api().get(`${GRAPH}/users`).query({ $filter: `${"not ".repeat(1001)}accountEnabled` }).set(admin);
    expect(nots.status).toBe(200);
    expect(nots.body.value).toEqual([]);
    // The pilot group is untouched by all of the above.
    const g = await api().get(`${GRAPH}/groups/${gid}`).set(admin);
    expect(g.body.description).toBe("Users who receive the SCEP certificate first");
  });
});
