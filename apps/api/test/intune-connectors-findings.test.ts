// The certificate connectors as Graph lists them (ndesConnectors, certificateConnectorDetails), the tenant snapshot
// the rules evaluate, the findings an Intune misconfiguration raises, and the wizard's draft evaluation that shows
// the same finding before saving.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { bearerFor, createTestApp, DEMO, users, type TestApp } from "./harness.ts";
import { expectGraphError, GRAPH, targetsOf } from "./helpers.ts";
import { installIntuneConnector, newServer } from "@certlab/domain/lab/defaults";
import { ROLE_IDS } from "@certlab/domain/directory/roles";
import { runningService } from "@certlab/domain/lab/services";
import { CONFIGS, bindOf, client, created, makePki, scepBody, trustedBody, type Client, type Pki } from "./intune-fixtures.ts";

let t: TestApp;
let admin: Client;
let reader: Client;
let pki: Pki;
const tenantId = DEMO.contoso.tenantId;
const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000);

/** A lab server as packages/domain's lab defaults build it (the lab snapshot needs the whole shape). */
function labServer(id: string, name: string) {
  return newServer({ id, name, os: "2022", domain: { fqdn: "corp.contoso.com", netbiosName: "CORP" } });
}
function connectorExtra(generation: "current" | "legacy") {
  const { connector } = installIntuneConnector(labServer("srv-x", "X"), undefined, {
    at: new Date().toISOString(),
    signedInUpn: users.intuneAdmin.upn,
    signedInUserRoles: [ROLE_IDS.intuneAdministrator],
    signedInUserHasIntuneLicense: true,
    generation,
  });
  const { id: _i, serverId: _s, generation: _g, version: _v, enrolledDateTime: _e, lastCheckinDateTime: _l, ...extra } = connector;
  return extra;
}
async function addServer(id: string, name: string, connectorService: "running" | "stopped") {
  const server = { ...labServer(id, name), services: [{ ...runningService("legacyConnector"), status: connectorService }] };
  await t.db.labObject.create({ data: { id, tenantId, kind: "server", name, data: JSON.stringify(server) } });
}

type Finding = { code: string; severity: string; message: string; objects: { type: string; id: string; displayName: string }[] };

beforeAll(async () => {
  t = await createTestApp();
  admin = client(t.app, await bearerFor(t.app, users.admin.upn));
  reader = client(t.app, await bearerFor(t.app, users.reader.upn));
  pki = await makePki();
});
afterAll(async () => {
  await t?.close();
});

async function connector(id: string, fields: { generation: "current" | "legacy"; serverId?: string; lastCheckin?: Date; tenant?: string; name?: string }) {
  await t.db.certificateConnector.create({
    data: {
      id,
      tenantId: fields.tenant ?? tenantId,
      serverId: fields.serverId ?? "srv-not-in-lab",
      generation: fields.generation,
      connectorName: fields.name ?? `Connector ${id.slice(0, 4)}`,
      machineName: "NDES01.corp.contoso.com",
      connectorVersion: fields.generation === "legacy" ? "6.2008.60.612" : "6.2406.0.2002",
      enrollmentDateTime: new Date("2026-01-05T10:00:00Z"),
      lastCheckinDateTime: fields.lastCheckin ?? hoursAgo(0.1),
      // what the lab's installer keeps beside the row (store/lab/state.ts): the rest of the lab's connector
      data: JSON.stringify(connectorExtra(fields.generation)),
    },
  });
}

describe("snapshot and connectors", () => {
  it("a tenant without profiles or connectors has no Intune section; another tenant's snapshot answers 404", async () => {
    const res = await admin.get(`/api/tenants/${tenantId}/snapshot`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.tenant.id).toBe(tenantId);
    expect(res.body.directory.users.length).toBeGreaterThan(0);
    expect(res.body.intune).toBeUndefined();
    expectGraphError(await admin.get(`/api/tenants/${DEMO.fabrikam.tenantId}/snapshot`), 404);
    expect((await request(t.app).get(`/api/tenants/${tenantId}/snapshot`)).status).toBe(401);
  });

  it("ndesConnectors: legacy connectors, state active/inactive from the check-in and the server's service", async () => {
    await addServer("srv-ndes02", "NDES02", "stopped");
    await addServer("srv-ndes03", "NDES03", "running");
    await connector("a0000000-0000-4000-8000-000000000001", { generation: "legacy", name: "NDES01" });
    await connector("a0000000-0000-4000-8000-000000000002", { generation: "legacy", name: "NDES stale", lastCheckin: hoursAgo(49) });
    await connector("a0000000-0000-4000-8000-000000000003", { generation: "legacy", name: "NDES02", serverId: "srv-ndes02" });
    await connector("a0000000-0000-4000-8000-000000000006", { generation: "legacy", name: "NDES03", serverId: "srv-ndes03", lastCheckin: hoursAgo(72) });
    await connector("a0000000-0000-4000-8000-000000000004", { generation: "current", name: "Certificate Connector 1" });
    await connector("a0000000-0000-4000-8000-000000000005", { generation: "current", tenant: DEMO.fabrikam.tenantId, name: "Fabrikam's" });

    const res = await reader.get(`${GRAPH}/deviceManagement/ndesConnectors`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body["@odata.context"]).toMatch(/\$metadata#deviceManagement\/ndesConnectors$/);
    const byName = Object.fromEntries(res.body.value.map((c: { displayName: string }) => [c.displayName, c]));
    expect(Object.keys(byName).sort()).toEqual(["NDES stale", "NDES01", "NDES02", "NDES03"].sort());
    expect(byName.NDES01).toEqual({
      "@odata.type": "#microsoft.graph.ndesConnector",
      id: "a0000000-0000-4000-8000-000000000001",
      lastConnectionDateTime: expect.any(String),
      state: "active",
      displayName: "NDES01",
      machineName: "NDES01.corp.contoso.com",
      enrolledDateTime: "2026-01-05T10:00:00.000Z",
      roleScopeTagIds: ["0"],
      connectorVersion: "6.2008.60.612",
    });
    expect(byName["NDES stale"].state).toBe("inactive");
    expect(byName.NDES02.state).toBe("inactive"); // its service is stopped on the lab server
    // running on a lab server that reaches Intune: it checks in continuously, whatever the stored check-in says
    expect(byName.NDES03.state).toBe("active");
    expect(Date.now() - Date.parse(byName.NDES03.lastConnectionDateTime)).toBeLessThan(60_000);
    const active = await reader.get(`${GRAPH}/deviceManagement/ndesConnectors?$filter=state eq 'active'&$select=id,displayName`);
    expect(active.body.value.map((c: { displayName: string }) => c.displayName).sort()).toEqual(["NDES01", "NDES03"]);
    expect(Object.keys(active.body.value[0]).sort()).toEqual(["@odata.type", "displayName", "id"]);
  });

  it("certificateConnectorDetails: the current connectors, each with its own shape; DELETE needs the connectors right", async () => {
    const res = await reader.get(`${GRAPH}/deviceManagement/certificateConnectorDetails`);
    expect(res.status).toBe(200);
    expect(res.body.value).toEqual([
      {
        "@odata.type": "#microsoft.graph.certificateConnectorDetails",
        id: "a0000000-0000-4000-8000-000000000004",
        connectorName: "Certificate Connector 1",
        machineName: "NDES01.corp.contoso.com",
        enrollmentDateTime: "2026-01-05T10:00:00.000Z",
        lastCheckinDateTime: expect.any(String),
        connectorVersion: "6.2406.0.2002",
      },
    ]);
    const one = await reader.get(`${GRAPH}/deviceManagement/certificateConnectorDetails/a0000000-0000-4000-8000-000000000004`);
    expect(one.body).toMatchObject({ "@odata.context": expect.stringMatching(/certificateConnectorDetails\/\$entity$/), connectorName: "Certificate Connector 1" });
    // a legacy id is not a certificateConnectorDetails, another tenant's is not ours
    expectGraphError(await reader.get(`${GRAPH}/deviceManagement/certificateConnectorDetails/a0000000-0000-4000-8000-000000000001`), 404, { code: "ResourceNotFound" });
    expectGraphError(await admin.get(`${GRAPH}/deviceManagement/certificateConnectorDetails/a0000000-0000-4000-8000-000000000005`), 404);
    expectGraphError(await reader.delete(`${GRAPH}/deviceManagement/ndesConnectors/a0000000-0000-4000-8000-000000000002`), 403);
    expect((await admin.delete(`${GRAPH}/deviceManagement/ndesConnectors/a0000000-0000-4000-8000-000000000002`)).status).toBe(204);
    expectGraphError(await admin.get(`${GRAPH}/deviceManagement/ndesConnectors/a0000000-0000-4000-8000-000000000002`), 404);
  });

  it("the snapshot carries profiles (with the parsed certificate), assignments and connectors", async () => {
    const root = await created(await admin.post(CONFIGS, trustedBody("iOS", pki.rootB64)));
    await admin.post(`${CONFIGS}/${root.id}/assign`, { assignments: [{ target: { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId: DEMO.contoso.pilotGroupId } }] });
    const res = await admin.get(`/api/tenants/${tenantId}/snapshot`);
    const intune = res.body.intune;
    const p = intune.profiles.find((x: { id: string }) => x.id === root.id);
    expect(p).toMatchObject({ odataType: "microsoft.graph.iosTrustedRootCertificate", certificate: { isCa: true, thumbprint: pki.root.info.thumbprint } });
    expect(p.settings).toMatchObject({ trustedRootCertificate: pki.rootB64, certFileName: "ContosoRootCA.cer" });
    expect(intune.assignments).toContainEqual({ profileId: root.id, target: expect.objectContaining({ groupId: DEMO.contoso.pilotGroupId }) });
    expect(intune.certificateConnectors.map((c: { connectorName: string }) => c.connectorName).sort()).toEqual(["Certificate Connector 1", "NDES01", "NDES02", "NDES03"]);
    expect(res.body.lab.servers.map((x: { name: string }) => x.name).sort()).toEqual(["NDES02", "NDES03"]);
  });
});

describe("findings and the wizard's draft evaluation", () => {
  const findings = async () => {
    const res = await admin.get(`/api/tenants/${tenantId}/findings`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.value as Finding[];
  };
  const evaluate = (body: unknown, who: Client = admin) => who.post("/api/intune/profile-drafts/evaluate", body);

  it("evaluate-draft shows PROF_NO_ROOT_CERT before saving, and not once a root is selected", async () => {
    const draft = scepBody("iOS", undefined);
    const res = await evaluate({ draft }, reader);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.value.map((f: Finding) => f.code)).toContain("PROF_NO_ROOT_CERT");
    expect(res.body.summary.error).toBeGreaterThan(0);
    expect(res.body.validation).toEqual([]);

    const root = await created(await admin.post(CONFIGS, trustedBody("iOS", pki.rootB64, { displayName: "Draft test root" })));
    const ok = await evaluate({ draft: scepBody("iOS", root.id) });
    expect(ok.body.value.map((f: Finding) => f.code)).not.toContain("PROF_NO_ROOT_CERT");
  });

  it("the saved misconfiguration appears in the tenant's findings; fixing it through Graph clears it", async () => {
    const scep = await created(await admin.post(CONFIGS, scepBody("macOS", undefined, { displayName: "macOS SCEP without root" })));
    const mine = (await findings()).filter((f) => f.objects.some((o) => o.id === scep.id));
    expect(mine.map((f) => f.code)).toContain("PROF_NO_ROOT_CERT");
    expect(mine.find((f) => f.code === "PROF_NO_ROOT_CERT")!.message).toContain("macOS SCEP without root");

    // editing it in the wizard: evaluate with existingId and the bind shows the finding gone before saving
    const root = await created(await admin.post(CONFIGS, trustedBody("macOS", pki.rootB64)));
    const draft = await evaluate({ existingId: scep.id, draft: { "rootCertificate@odata.bind": bindOf(root.id) } });
    expect(draft.status, JSON.stringify(draft.body)).toBe(200);
    expect(draft.body.value.map((f: Finding) => f.code)).not.toContain("PROF_NO_ROOT_CERT");

    expect((await admin.patch(`${CONFIGS}/${scep.id}`, { "rootCertificate@odata.bind": bindOf(root.id) })).status).toBe(200);
    const after = (await findings()).filter((f) => f.objects.some((o) => o.id === scep.id));
    expect(after.map((f) => f.code)).not.toContain("PROF_NO_ROOT_CERT");
  });

  it("a trusted certificate draft returns the parsed certificate; a PFX shows TRUST_PFX_UPLOADED; a leaf shows TRUST_NOT_CA_CERT", async () => {
    const good = await evaluate({ draft: trustedBody("windows", pki.rootB64) });
    expect(good.body.certificate).toMatchObject({ subject: "CN=Contoso Root CA, DC=corp, DC=contoso, DC=com", isCa: true, thumbprint: pki.root.info.thumbprint });
    expect(good.body.value.filter((f: Finding) => f.severity === "error")).toEqual([]);

    const pfx = await evaluate({ draft: trustedBody("iOS", pki.pfxB64) });
    expect(pfx.body.value.map((f: Finding) => f.code)).toEqual(["TRUST_PFX_UPLOADED"]);
    expect(pfx.body.validation.map((d: { target: string }) => d.target)).toContain("trustedRootCertificate");
    expect(pfx.body.certificate).toBeUndefined();

    const leaf = await evaluate({ draft: trustedBody("androidDeviceOwner", pki.leafB64) });
    expect(leaf.body.value.map((f: Finding) => f.code)).toContain("TRUST_NOT_CA_CERT");
    // saving the leaf is allowed (the portal allows it); the finding then shows on the tenant
    const saved = await created(await admin.post(CONFIGS, trustedBody("androidDeviceOwner", pki.leafB64, { displayName: "Leaf by mistake" })));
    expect((await findings()).some((f) => f.code === "TRUST_NOT_CA_CERT" && f.objects.some((o) => o.id === saved.id))).toBe(true);
  });

  it("draft validation names the fields the save would refuse; a draft without a type is a 400", async () => {
    const res = await evaluate({ draft: scepBody("iOS", undefined, { hashAlgorithm: "sha2", renewalThresholdPercentage: 0 }) });
    expect(res.status).toBe(200);
    expect(res.body.validation.map((d: { target: string }) => d.target).sort()).toEqual(["hashAlgorithm", "renewalThresholdPercentage"]);
    const noType = await evaluate({ draft: { displayName: "x" } });
    expectGraphError(noType, 400);
    expect(targetsOf(noType)).toEqual(["draft.@odata.type"]);
    expectGraphError(await evaluate({ existingId: "f0f0f0f0-0000-4000-8000-000000000009", draft: {} }), 404);
  });

  it("the OpenAPI document lists the Intune paths", async () => {
    const res = await request(t.app).get("/api/openapi.json");
    expect(res.status).toBe(200);
    const paths = Object.keys(res.body.paths);
    for (const p of ["/graph/beta/deviceManagement/deviceConfigurations", "/graph/beta/deviceManagement/deviceConfigurations/{id}/assign", "/graph/beta/deviceManagement/ndesConnectors", "/api/tenants/{tenantId}/snapshot", "/api/intune/profile-drafts/evaluate"]) {
      expect(paths).toContain(p);
    }
  });
});
