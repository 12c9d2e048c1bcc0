// Seed 003's troubleshooting list ("Create the Application/Setting the URLs"): every save-time error is refused with
// 400 naming its field and code (403 for a caller not allowed to create app proxy apps), and nothing is written.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { CUSTOM_APPLICATION_TEMPLATE_ID } from "@certlab/domain/entra/on-premises-publishing";
import { bearerFor, createTestApp, users, type TestApp } from "./harness.ts";
import { expectGraphError, GRAPH } from "./helpers.ts";
import { cloudAppAdminRole, EXTERNAL, GROUP_URL, PROXY, publishApp, userWithRole, type Headers } from "./entra-helpers.ts";

let t: TestApp;
let admin: Headers;
let appAdmin: Headers;
let draftId: string;
const api = () => request(t.app);

/** An instantiated app with its URIs set, ready for onPremisesPublishing. */
async function draft(name: string): Promise<string> {
  const inst = await api().post(`${GRAPH}/applicationTemplates/${CUSTOM_APPLICATION_TEMPLATE_ID}/instantiate`).set(appAdmin).send({ displayName: name });
  expect(inst.status).toBe(201);
  expect((await api().patch(`${GRAPH}/applications/${inst.body.application.id}`).set(appAdmin).send({ identifierUris: [`api://${inst.body.application.appId}`] })).status).toBe(204);
  return inst.body.application.id;
}

const publish = (id: string, p: Record<string, unknown>, headers = appAdmin) => api().patch(`${GRAPH}/applications/${id}`).set(headers).send({ onPremisesPublishing: p });

function expectSaveError(res: request.Response, status: number, code: string, target: string, message: RegExp | string) {
  expectGraphError(res, status);
  expect(res.body.error.details, JSON.stringify(res.body)).toContainEqual(expect.objectContaining({ code, target }));
  if (typeof message === "string") expect(res.body.error.message).toContain(message);
  else expect(res.body.error.message).toMatch(message);
}

beforeAll(async () => {
  t = await createTestApp();
  admin = { Authorization: `Bearer ${await bearerFor(t.app, users.admin.upn)}` };
  appAdmin = { Authorization: `Bearer ${await bearerFor(t.app, users.appAdmin.upn)}` };
  await publishApp(t, appAdmin, "NDES", { externalAuthenticationType: "passthru", internalUrl: "https://ndes01.corp.contoso.com/", externalUrl: EXTERNAL("ndes") });
  draftId = await draft("Second app");
});
afterAll(async () => {
  await t.close();
});

describe("save-time errors of seed 003", () => {
  it("a URL without the trailing '/' (APPPROXY_URL_FORMAT)", async () => {
    const res = await publish(draftId, { internalUrl: "https://web01.corp.contoso.com", externalUrl: EXTERNAL("web01") });
    expectSaveError(res, 400, "APPPROXY_URL_FORMAT", "onPremisesPublishing.internalUrl", "does not end with a “/”");
    expect(res.body.error.message).toContain("The URLs start with http or https, and end with a “/”");
  });

  it("an ftp:// URL (APPPROXY_URL_FORMAT)", async () => {
    const res = await publish(draftId, { internalUrl: "ftp://web01.corp.contoso.com/", externalUrl: EXTERNAL("web01") });
    expectSaveError(res, 400, "APPPROXY_URL_FORMAT", "onPremisesPublishing.internalUrl", "does not start with http:// or https://");
  });

  it("an IP address instead of a domain name (APPPROXY_URL_IS_IP)", async () => {
    const res = await publish(draftId, { internalUrl: "https://10.0.0.15/", externalUrl: EXTERNAL("web01") });
    expectSaveError(res, 400, "APPPROXY_URL_IS_IP", "onPremisesPublishing.internalUrl", "The URL should be a domain name, not an IP address");
  });

  it("an internal URL another application uses (APPPROXY_INTERNAL_URL_NOT_UNIQUE)", async () => {
    const res = await publish(draftId, { internalUrl: "https://NDES01.corp.contoso.com/", externalUrl: EXTERNAL("web01") });
    expectSaveError(res, 400, "APPPROXY_INTERNAL_URL_NOT_UNIQUE", "onPremisesPublishing.internalUrl", "is already used by the application 'NDES'");
  });

  it("an external URL another application uses (APPPROXY_EXTERNAL_URL_NOT_UNIQUE)", async () => {
    const res = await publish(draftId, { internalUrl: "https://web01.corp.contoso.com/", externalUrl: EXTERNAL("ndes") });
    expectSaveError(res, 400, "APPPROXY_EXTERNAL_URL_NOT_UNIQUE", "onPremisesPublishing.externalUrl", "The external URL is unique");
  });

  it("an external URL on a custom domain that is not verified (APPPROXY_CUSTOM_DOMAIN_NOT_VERIFIED)", async () => {
    expect((await api().post(`${GRAPH}/domains`).set(admin).send({ id: "contoso-lab.com" })).status).toBe(201);
    const res = await publish(draftId, { internalUrl: "https://web01.corp.contoso.com/", externalUrl: "https://web01.contoso-lab.com/" });
    expectSaveError(res, 400, "APPPROXY_CUSTOM_DOMAIN_NOT_VERIFIED", "onPremisesPublishing.externalUrl", "which is not verified in this directory");
  });

  it("an external URL on neither <tenant>.msappproxy.net nor a custom domain (APPPROXY_EXTERNAL_URL_DOMAIN_INVALID)", async () => {
    const foreign = await publish(draftId, { internalUrl: "https://web01.corp.contoso.com/", externalUrl: "https://web01-fabrikam.msappproxy.net/" });
    expectSaveError(foreign, 400, "APPPROXY_EXTERNAL_URL_DOMAIN_INVALID", "onPremisesPublishing.externalUrl", "contoso.msappproxy.net");
  });

  it("several errors at once are all named, and nothing was written", async () => {
    const res = await publish(draftId, { internalUrl: "http://192.168.1.20", externalUrl: "ftp://x.example.com" });
    expectGraphError(res, 400);
    const codes = (res.body.error.details as { code: string; target: string }[]).map((d) => `${d.code} ${d.target}`);
    expect(codes).toEqual(expect.arrayContaining([
      "APPPROXY_URL_FORMAT onPremisesPublishing.internalUrl",
      "APPPROXY_URL_IS_IP onPremisesPublishing.internalUrl",
      "APPPROXY_URL_FORMAT onPremisesPublishing.externalUrl",
    ]));
    const app = await api().get(`${GRAPH}/applications/${draftId}`).query({ $select: "id,onPremisesPublishing" }).set(appAdmin);
    expect(app.body.onPremisesPublishing).toBeNull();
  });

  it("a valid app saves once every error is fixed, with the §8.4 defaults", async () => {
    expect((await publish(draftId, { internalUrl: "https://web01.corp.contoso.com/", externalUrl: EXTERNAL("web01") })).status).toBe(204);
    const app = await api().get(`${GRAPH}/applications/${draftId}`).query({ $select: "onPremisesPublishing" }).set(appAdmin);
    expect(app.body.onPremisesPublishing).toMatchObject({
      externalAuthenticationType: "aadPreAuthentication",
      applicationServerTimeout: "default",
      isTranslateHostHeaderEnabled: true,
      isTranslateLinksInBodyEnabled: false,
      isHttpOnlyCookieEnabled: false,
      isSecureCookieEnabled: true,
      isPersistentCookieEnabled: false,
      isBackendCertificateValidationEnabled: true,
    });
    // Editing only a setting keeps the URLs (and its own URLs don't clash with themselves).
    expect((await publish(draftId, { applicationServerTimeout: "long" })).status).toBe(204);
    expect((await api().get(`${GRAPH}/applications/${draftId}`).query({ $select: "onPremisesPublishing" }).set(appAdmin)).body.onPremisesPublishing).toMatchObject({ applicationServerTimeout: "long", internalUrl: "https://web01.corp.contoso.com/" });
    expectGraphError(await publish(draftId, { applicationServerTimeout: "forever" }), 400);
    expectGraphError(await publish(draftId, { notAProperty: true }), 400, { message: /notAProperty/ });
  });

  it("a Cloud Application Administrator may manage applications but not application proxy (APPPROXY_NOT_ADMIN → 403)", async () => {
    const cloud = await userWithRole(t, admin, "cloud-app-admin", cloudAppAdminRole);
    const inst = await api().post(`${GRAPH}/applicationTemplates/${CUSTOM_APPLICATION_TEMPLATE_ID}/instantiate`).set(cloud.headers).send({ displayName: "Cloud app" });
    expect(inst.status).toBe(201);
    const id = inst.body.application.id as string;
    expect((await api().patch(`${GRAPH}/applications/${id}`).set(cloud.headers).send({ identifierUris: [`api://${inst.body.application.appId}`] })).status).toBe(204);

    const res = await publish(id, { internalUrl: "https://web02.corp.contoso.com/", externalUrl: EXTERNAL("web02") }, cloud.headers);
    expectSaveError(res, 403, "APPPROXY_NOT_ADMIN", "caller", "You're an administrator with permission to create an application proxy application");
    expect(res.body.error.code).toBe("Authorization_RequestDenied");
    expect(res.body.error.message).toContain('Cloud Application Administrator manages enterprise applications "except App Proxy"');

    const def = (await api().get(`${PROXY}/connectorGroups`).set(cloud.headers)).body.value.find((g: { isDefault: boolean }) => g.isDefault);
    expectSaveError(await api().put(`${GRAPH}/applications/${id}/connectorGroup/$ref`).set(cloud.headers).send({ "@odata.id": GROUP_URL(def.id) }), 403, "APPPROXY_NOT_ADMIN", "caller", "Cloud Application Administrator");
    expectGraphError(await api().post(`${PROXY}/connectorGroups`).set(cloud.headers).send({ name: "Cloud group" }), 403);
    expect((await api().get(`${GRAPH}/applications/${id}`).query({ $select: "id,onPremisesPublishing" }).set(cloud.headers)).body.onPremisesPublishing).toBeNull();
  });

  it("the form's live check reports the same errors without writing, and lists the External URL domains", async () => {
    const live = await api().post("/api/entra/applications/validate").set(appAdmin).send({ internalUrl: "https://web08.corp.contoso.com", externalUrl: EXTERNAL("ndes") });
    expect(live.status, JSON.stringify(live.body)).toBe(200);
    expect(live.body.errors.map((e: { code: string; field: string }) => `${e.code} ${e.field}`)).toEqual([
      "APPPROXY_URL_FORMAT onPremisesPublishing.internalUrl",
      "APPPROXY_EXTERNAL_URL_NOT_UNIQUE onPremisesPublishing.externalUrl",
    ]);
    const ok = await api().post("/api/entra/applications/validate").set(appAdmin).send({ internalUrl: "https://web09.corp.contoso.com/", externalUrl: EXTERNAL("web09") });
    expect(ok.body.errors).toEqual([]);
    const domains = await api().get("/api/entra/external-domains").set(appAdmin);
    expect(domains.body.value[0]).toEqual({ value: "contoso.msappproxy.net", label: "-contoso.msappproxy.net/", isDefault: true });
    expect(domains.body.value.map((d: { value: string }) => d.value)).not.toContain("contoso-lab.com");
  });

  it("a stale If-Match answers 412", async () => {
    const app = await api().get(`${GRAPH}/applications/${draftId}`).set(appAdmin);
    expect(app.headers.etag).toMatch(/^W\/"\d+"$/);
    expect((await api().patch(`${GRAPH}/applications/${draftId}`).set(appAdmin).set("If-Match", app.headers.etag!).send({ displayName: "Second app (renamed)" })).status).toBe(204);
    expectGraphError(await api().patch(`${GRAPH}/applications/${draftId}`).set(appAdmin).set("If-Match", app.headers.etag!).send({ displayName: "Lost update" }), 412);
  });
});
