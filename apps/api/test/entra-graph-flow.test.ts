// The documented Graph flow of graph-reference.md §8.5, step by step with its status codes, and the rest of the
// application proxy surface: connectors and connector groups with their $refs, appRoleAssignedTo, roles, tenants.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { CUSTOM_APPLICATION_TEMPLATE_ID } from "@certlab/domain/entra/on-premises-publishing";
import { bearerFor, createTestApp, DEMO, users, type TestApp } from "./harness.ts";
import { expectGraphError, GRAPH } from "./helpers.ts";
import { CONNECTOR_URL, EXTERNAL, GROUP_URL, installConnector, PROXY, publishApp, TENANT, type Headers } from "./entra-helpers.ts";

let t: TestApp;
let admin: Headers;
let appAdmin: Headers;
let reader: Headers;
const api = () => request(t.app);

beforeAll(async () => {
  t = await createTestApp();
  admin = { Authorization: `Bearer ${await bearerFor(t.app, users.admin.upn)}` };
  appAdmin = { Authorization: `Bearer ${await bearerFor(t.app, users.appAdmin.upn)}` };
  reader = { Authorization: `Bearer ${await bearerFor(t.app, users.reader.upn)}` };
});
afterAll(async () => {
  await t.close();
});

describe("the documented creation flow (graph-reference.md §8.5)", () => {
  it("publishes NDES step by step with Graph's status codes", async () => {
    // The connector was installed and registered in the lab (seed 000): it sits in the Default group.
    const connectorId = await installConnector(t, "NDES01.corp.contoso.com");

    // 1. Discover the Custom template, then instantiate it → 201 applicationServicePrincipal.
    const templates = await api().get("/graph/v1.0/applicationTemplates").query({ $filter: "displayName eq 'Custom'" }).set(appAdmin);
    expect(templates.status).toBe(200);
    expect(templates.body.value).toEqual([expect.objectContaining({ id: CUSTOM_APPLICATION_TEMPLATE_ID, displayName: "Custom" })]);

    const inst = await api().post(`/graph/v1.0/applicationTemplates/${CUSTOM_APPLICATION_TEMPLATE_ID}/instantiate`).set(appAdmin).send({ displayName: "NDES" });
    expect(inst.status, JSON.stringify(inst.body)).toBe(201);
    expect(inst.body["@odata.context"]).toMatch(/\/graph\/v1\.0\/\$metadata#microsoft\.graph\.applicationServicePrincipal$/);
    const { application, servicePrincipal } = inst.body;
    expect(application).toMatchObject({ applicationTemplateId: CUSTOM_APPLICATION_TEMPLATE_ID, displayName: "NDES", signInAudience: "AzureADMyOrg", web: expect.objectContaining({ homePageUrl: null, redirectUris: [] }) });
    expect(application.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(application.onPremisesPublishing).toBeUndefined();
    expect(servicePrincipal).toMatchObject({
      appId: application.appId,
      appRoleAssignmentRequired: true,
      servicePrincipalType: "Application",
      tags: ["WindowsAzureActiveDirectoryCustomSingleSignOnApplication", "WindowsAzureActiveDirectoryIntegratedApp"],
    });

    // onPremisesPublishing before the URIs are set is refused (the URIs must be set first).
    const early = await api().patch(`${GRAPH}/applications/${application.id}`).set(appAdmin).send({ onPremisesPublishing: { internalUrl: "https://ndes01.corp.contoso.com/", externalUrl: EXTERNAL("ndes") } });
    expectGraphError(early, 400, { message: /identifierUris/ });

    // 2. PATCH identifierUris and web (v1.0) → 204.
    const step2 = await api().patch(`/graph/v1.0/applications/${application.id}`).set(appAdmin).send({
      identifierUris: [`api://${application.appId}`],
      web: { redirectUris: ["https://ndes-contoso.msappproxy.net"], homePageUrl: "https://ndes-contoso.msappproxy.net" },
    });
    expect(step2.status, JSON.stringify(step2.body)).toBe(204);

    // 3. PATCH onPremisesPublishing (beta) with Passthrough → 204.
    const step3 = await api().patch(`${GRAPH}/applications/${application.id}`).set(appAdmin).send({
      onPremisesPublishing: {
        externalAuthenticationType: "passthru",
        internalUrl: "https://ndes01.corp.contoso.com/",
        externalUrl: "https://ndes-contoso.msappproxy.net/",
        isTranslateHostHeaderEnabled: true,
        isTranslateLinksInBodyEnabled: false,
        isHttpOnlyCookieEnabled: false,
        isSecureCookieEnabled: true,
        isPersistentCookieEnabled: false,
        isOnPremPublishingEnabled: true,
        applicationServerTimeout: "default",
        isBackendCertificateValidationEnabled: true,
      },
    });
    expect(step3.status, JSON.stringify(step3.body)).toBe(204);

    // onPremisesPublishing is select-only; with $select every §8.4 property is there.
    const plain = await api().get(`${GRAPH}/applications/${application.id}`).set(appAdmin);
    expect(plain.status).toBe(200);
    expect(plain.body.onPremisesPublishing).toBeUndefined();
    expect(plain.body.identifierUris).toEqual([`api://${application.appId}`]);
    expect(plain.body.web.homePageUrl).toBe("https://ndes-contoso.msappproxy.net");
    const selected = await api().get(`${GRAPH}/applications/${application.id}`).query({ $select: "id,appId,displayName,onPremisesPublishing" }).set(appAdmin);
    expect(selected.body["@odata.context"]).toMatch(/\$metadata#applications\/\$entity$/);
    expect(selected.body.onPremisesPublishing).toMatchObject({
      externalUrl: "https://ndes-contoso.msappproxy.net/",
      internalUrl: "https://ndes01.corp.contoso.com/",
      externalAuthenticationType: "passthru",
      applicationServerTimeout: "default",
      isTranslateHostHeaderEnabled: true,
      isTranslateLinksInBodyEnabled: false,
      isHttpOnlyCookieEnabled: false,
      isSecureCookieEnabled: true,
      isPersistentCookieEnabled: false,
      isBackendCertificateValidationEnabled: true,
      isOnPremPublishingEnabled: true,
      isStateSessionEnabled: false,
      verifiedCustomDomainCertificatesMetadata: null,
      verifiedCustomDomainKeyCredential: null,
      verifiedCustomDomainPasswordCredential: null,
    });
    const filtered = await api().get(`${GRAPH}/applications`).query({ $filter: "onPremisesPublishing/externalUrl eq 'https://ndes-contoso.msappproxy.net/'", $select: "id,displayName" }).set(appAdmin);
    expect(filtered.body.value).toEqual([{ id: application.id, displayName: "NDES" }]);

    // 4. GET connectors.
    const connectors = await api().get(`${PROXY}/connectors`).set(appAdmin);
    expect(connectors.status).toBe(200);
    expect(connectors.body["@odata.context"]).toMatch(/\$metadata#onPremisesPublishingProfiles\('applicationProxy'\)\/connectors$/);
    expect(connectors.body.value).toEqual([{ id: connectorId, machineName: "NDES01.corp.contoso.com", externalIp: "131.137.147.164", status: "active", version: "1.5.3437.0" }]);

    // 5. POST connectorGroups → 201, then move the connector with memberOf/$ref → 204.
    const created = await api().post(`${PROXY}/connectorGroups`).set(appAdmin).send({ name: "NDES Connector Group" });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ name: "NDES Connector Group", connectorGroupType: "applicationProxy", isDefault: false, region: "nam" });
    expect(created.body["@odata.context"]).toMatch(/\$metadata#connectorGroups\/\$entity$/);
    const groupId = created.body.id as string;
    const move = await api().post(`${PROXY}/connectors/${connectorId}/memberOf/$ref`).set(appAdmin).send({ "@odata.id": GROUP_URL(groupId) });
    expect(move.status, JSON.stringify(move.body)).toBe(204);
    expect((await api().get(`${PROXY}/connectors/${connectorId}/memberOf`).set(appAdmin)).body.value.map((g: { id: string }) => g.id)).toEqual([groupId]);
    expect((await api().get(`${PROXY}/connectorGroups/${groupId}/members`).set(appAdmin)).body.value.map((c: { id: string }) => c.id)).toEqual([connectorId]);

    // 6. PUT applications/{id}/connectorGroup/$ref (the doc's lower-case "applicationproxy") → 204.
    expect((await api().get(`${GRAPH}/applications/${application.id}/connectorGroup`).set(appAdmin)).body).toMatchObject({ name: "Default", isDefault: true });
    const assign = await api().put(`${GRAPH}/applications/${application.id}/connectorGroup/$ref`).set(appAdmin).send({ "@odata.id": GROUP_URL(groupId) });
    expect(assign.status, JSON.stringify(assign.body)).toBe(204);
    expect((await api().get(`${GRAPH}/applications/${application.id}/connectorGroup`).set(appAdmin)).body).toMatchObject({ id: groupId, name: "NDES Connector Group" });
    expect((await api().get(`${PROXY}/connectorGroups/${groupId}/applications`).set(appAdmin)).body.value.map((a: { id: string }) => a.id)).toEqual([application.id]);

    // The service principal is tagged as an on-premises app; the audit log has every step.
    const sp = await api().get(`${GRAPH}/servicePrincipals/${servicePrincipal.id}`).set(appAdmin);
    expect(sp.body.tags).toContain("WindowsAzureActiveDirectoryOnPremApp");
    const audits = (await api().get(`${GRAPH}/auditLogs/directoryAudits`).set(admin)).body.value.map((a: { activityDisplayName: string }) => a.activityDisplayName);
    expect(audits).toEqual(expect.arrayContaining(["Add application", "Update application", "Update application – Application Proxy settings", "Add connector group", "Move connector to connector group", "Assign application to connector group"]));

    // The finished setup of seed 000 yields no error or warning about this application.
    const test = await api().post(`/api/entra/applications/${application.id}/test`).set(appAdmin);
    expect(test.status, JSON.stringify(test.body)).toBe(200);
    expect(test.body.detectedIssues.filter((i: { severity: string }) => i.severity !== "info")).toEqual([]);
  });
});

describe("connector groups", () => {
  it("the Default group exists, can't be deleted, and a group with connectors can't be deleted", async () => {
    const groups = (await api().get(`${PROXY}/connectorGroups`).set(appAdmin)).body.value as { id: string; name: string; isDefault: boolean }[];
    const def = groups.find((g) => g.isDefault)!;
    expect(def.name).toBe("Default");
    expectGraphError(await api().delete(`${PROXY}/connectorGroups/${def.id}`).set(appAdmin), 400, { message: /default connector group/ });

    const created = await api().post(`${PROXY}/connectorGroups`).set(appAdmin).send({ name: "Branch Connectors", region: "eur" });
    expect(created.status).toBe(201);
    expect(created.body.region).toBe("eur");
    const connectorId = await installConnector(t, "APPPROXY02.corp.contoso.com");
    expect((await api().post(`${PROXY}/connectorGroups/${created.body.id}/members/$ref`).set(appAdmin).send({ "@odata.id": CONNECTOR_URL(connectorId) })).status).toBe(204);

    const refused = await api().delete(`${PROXY}/connectorGroups/${created.body.id}`).set(appAdmin);
    expectGraphError(refused, 400, { message: "All connectors and applications must be removed from the connector group before a connector group can be deleted." });
    // Region is settable only while the group is empty; the name can change.
    expectGraphError(await api().patch(`${PROXY}/connectorGroups/${created.body.id}`).set(appAdmin).send({ region: "aus" }), 400, { message: /region/ });
    expect((await api().patch(`${PROXY}/connectorGroups/${created.body.id}`).set(appAdmin).send({ name: "Branch (Paris)" })).status).toBe(204);
    expectGraphError(await api().post(`${PROXY}/connectorGroups`).set(appAdmin).send({ name: "branch (paris)" }), 400, { message: /already exists/ });
    expectGraphError(await api().post(`${PROXY}/connectorGroups`).set(appAdmin).send({ name: "X", region: "mars" }), 400);

    // Move it back to Default; now the empty group can go.
    expect((await api().post(`${PROXY}/connectors/${connectorId}/memberOf/$ref`).set(appAdmin).send({ "@odata.id": GROUP_URL(def.id) })).status).toBe(204);
    expect((await api().delete(`${PROXY}/connectorGroups/${created.body.id}`).set(appAdmin)).status).toBe(204);
    expectGraphError(await api().get(`${PROXY}/connectorGroups/${created.body.id}`).set(appAdmin), 404);
  });

  it("a connector is Inactive when its lab server's connector service is stopped or 443 is blocked", async () => {
    const serverId = "srv-appproxy03";
    const id = await installConnector(t, "APPPROXY03.corp.contoso.com", { serverId });
    const server = (status: string, outbound443: boolean) => JSON.stringify({
      id: serverId,
      name: "APPPROXY03",
      fqdn: "appproxy03.corp.contoso.com",
      services: [{ name: "WAPCSvc", displayName: "Microsoft Entra private network connector", status, startupType: "automatic" }],
      network: { outbound443, outbound80: true, tlsInspection: false, proxyConfiguredForConnector: false },
    });
    await t.db.labObject.create({ data: { id: serverId, tenantId: TENANT, kind: "server", name: "APPPROXY03", data: server("stopped", true) } });
    const status = async () => (await api().get(`${PROXY}/connectors/${id}`).set(appAdmin)).body.status;
    expect(await status()).toBe("inactive");
    await t.db.labObject.update({ where: { id: serverId }, data: { data: server("running", true) } });
    expect(await status()).toBe("active");
    await t.db.labObject.update({ where: { id: serverId }, data: { data: server("running", false) } });
    expect(await status()).toBe("inactive");
    await t.db.labObject.delete({ where: { id: serverId } });
    await t.db.appProxyConnector.delete({ where: { id } });
  });
});

describe("users and groups of the enterprise application (appRoleAssignedTo)", () => {
  it("assigns the test user of seed 003; the principal must be a user or group of the tenant", async () => {
    const { spId } = await publishApp(t, appAdmin, "Intranet", { internalUrl: "https://intranet.corp.contoso.com/", externalUrl: EXTERNAL("intranet") });
    const body = { principalId: users.reader.id, resourceId: spId, appRoleId: "00000000-0000-0000-0000-000000000000" };
    const res = await api().post(`${GRAPH}/servicePrincipals/${spId}/appRoleAssignedTo`).set(appAdmin).send(body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ principalId: users.reader.id, principalType: "User", principalDisplayName: "Global Reader", resourceId: spId, resourceDisplayName: "Intranet" });
    const list = await api().get(`${GRAPH}/servicePrincipals/${spId}/appRoleAssignedTo`).set(appAdmin);
    expect(list.body.value.map((a: { principalId: string }) => a.principalId)).toEqual([users.reader.id]);
    expectGraphError(await api().post(`${GRAPH}/servicePrincipals/${spId}/appRoleAssignedTo`).set(appAdmin).send(body), 400, { message: /already exists/ });

    const group = await api().post(`${GRAPH}/servicePrincipals/${spId}/appRoleAssignedTo`).set(appAdmin).send({ principalId: DEMO.contoso.pilotGroupId, resourceId: spId });
    expect(group.status).toBe(201);
    expect(group.body.principalType).toBe("Group");

    // Fabrikam's admin is not a principal of Contoso.
    expectGraphError(await api().post(`${GRAPH}/servicePrincipals/${spId}/appRoleAssignedTo`).set(appAdmin).send({ principalId: DEMO.fabrikam.adminUserId, resourceId: spId }), 404);
    expectGraphError(await api().post(`${GRAPH}/servicePrincipals/${spId}/appRoleAssignedTo`).set(appAdmin).send({ principalId: users.admin.id, resourceId: DEMO.contoso.pilotGroupId }), 400, { message: /resourceId/ });

    // Deleting the application deletes its service principal and its assignments.
    const app = (await api().get(`${GRAPH}/applications`).query({ $filter: "displayName eq 'Intranet'" }).set(appAdmin)).body.value[0];
    expect((await api().delete(`${GRAPH}/applications/${app.id}`).set(appAdmin)).status).toBe(204);
    expectGraphError(await api().get(`${GRAPH}/servicePrincipals/${spId}`).set(appAdmin), 404);
    expect(await t.db.appRoleAssignment.count({ where: { resourceId: spId } })).toBe(0);
  });
});

describe("roles and tenants", () => {
  it("a Global Reader reads but gets 403 on every write", async () => {
    expect((await api().get(`${GRAPH}/applications`).set(reader)).status).toBe(200);
    expect((await api().get(`${PROXY}/connectorGroups`).set(reader)).status).toBe(200);
    const app = (await api().get(`${GRAPH}/applications`).set(reader)).body.value[0];
    expectGraphError(await api().post(`${GRAPH}/applicationTemplates/${CUSTOM_APPLICATION_TEMPLATE_ID}/instantiate`).set(reader).send({ displayName: "Nope" }), 403, { code: "Authorization_RequestDenied" });
    expectGraphError(await api().patch(`${GRAPH}/applications/${app.id}`).set(reader).send({ displayName: "Nope" }), 403);
    expectGraphError(await api().delete(`${GRAPH}/applications/${app.id}`).set(reader), 403);
    expectGraphError(await api().post(`${PROXY}/connectorGroups`).set(reader).send({ name: "Nope" }), 403);
    expectGraphError(await api().post(`${GRAPH}/domains`).set(reader).send({ id: "reader.example" }), 403);
  });

  it("another tenant's application, connector and connector group answer 404", async () => {
    // Contoso's admin (also a guest in Fabrikam) signs in to Contoso: Fabrikam's objects are not there.
    const contosoApp = (await api().get(`${GRAPH}/applications`).set(admin)).body.value[0];
    const fabConnector = await installConnector(t, "FAB01.fabrikam.local", { tenantId: DEMO.fabrikam.tenantId });
    const fabGroup = (await t.db.connectorGroup.findFirst({ where: { tenantId: DEMO.fabrikam.tenantId } }))!;
    const fabApp = await t.db.application.create({ data: { id: "fab0e5d4-1b2c-4d3e-8f40-00000000a001", tenantId: DEMO.fabrikam.tenantId, appId: "fab0e5d4-1b2c-4d3e-8f40-00000000a002", displayName: "Fabrikam app" } });
    expectGraphError(await api().get(`${GRAPH}/applications/${fabApp.id}`).set(admin), 404, { code: "Request_ResourceNotFound" });
    expectGraphError(await api().patch(`${GRAPH}/applications/${fabApp.id}`).set(admin).send({ displayName: "x" }), 404);
    expectGraphError(await api().get(`${PROXY}/connectors/${fabConnector}`).set(admin), 404);
    expectGraphError(await api().get(`${PROXY}/connectorGroups/${fabGroup.id}`).set(admin), 404);
    expectGraphError(await api().put(`${GRAPH}/applications/${contosoApp.id}/connectorGroup/$ref`).set(admin).send({ "@odata.id": GROUP_URL(fabGroup.id) }), 404);
    expectGraphError(await api().post(`/api/entra/applications/${fabApp.id}/test`).set(admin), 404);
    expect((await api().get(`${PROXY}/connectors`).set(admin)).body.value.map((c: { id: string }) => c.id)).not.toContain(fabConnector);
  });

  it("connectors and onPremisesPublishing are beta only", async () => {
    expectGraphError(await api().get("/graph/v1.0/onPremisesPublishingProfiles/applicationProxy/connectors").set(admin), 400);
    const app = (await api().get(`${GRAPH}/applications`).set(admin)).body.value[0];
    expectGraphError(await api().get(`/graph/v1.0/applications/${app.id}`).query({ $select: "id,onPremisesPublishing" }).set(admin), 400, { message: /onPremisesPublishing/ });
    expectGraphError(await api().patch(`/graph/v1.0/applications/${app.id}`).set(admin).send({ onPremisesPublishing: { isTranslateLinksInBodyEnabled: false } }), 400, { message: /beta/ });
  });
});

