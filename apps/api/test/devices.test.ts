// Simulated managed devices and Sync (issue 10): create/list/delete in /api and Graph, validation 400s naming the
// field, tenant isolation, and Sync on the complete setup issuing a REAL certificate through NDES and the lab CA
// (openssl verify against the CA chain), a broken MSCEP registry failing at the CA hop with 0x80094800 and the
// Intune status Error, and a device outside the assigned group getting nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import path from "node:path";
import request from "supertest";
import { COMPLETE_SETUP, SETUP_PLATFORMS } from "@certlab/domain/setup/complete-setup";
import { bearerFor, createTestApp, DEMO, signIn, type TestApp } from "./harness.ts";
import { GRAPH } from "./helpers.ts";

const API = "/api/intune/devices";
let t: TestApp;
let auth: Record<string, string>;
let reader: Record<string, string>;
let fabrikam: Record<string, string>;
let scepUserId: string;
let outsiderId: string;
let ndesServerId: string;
let issuingCaId: string;
let dir: string;
/** The complete setup's profiles in this tenant, by their display names (the reset gives them fresh ids). */
const ids = { scep: {} as Record<string, string>, root: {} as Record<string, string> };

type Trace = { profileId: string; outcome: string; failedHop: string | null; intuneStatus: string; statusText: string; hops: { id: string; outcome: string; codes: string[]; symptom?: { text: string; eventId?: number; body?: string } }[]; ca?: { requestId?: number; disposition: string; serialNumber?: string } };

const create = (body: Record<string, unknown>, who = auth) => request(t.app).post(API).set(who).send(body);

beforeAll(async () => {
  t = await createTestApp();
  auth = { Authorization: `Bearer ${await bearerFor(t.app, DEMO.contoso.users.admin.upn)}` };
  reader = { Authorization: `Bearer ${await bearerFor(t.app, DEMO.contoso.users.reader.upn)}` };
  // The Contoso admin is a guest in Fabrikam: a token minted after switching directory acts in Fabrikam.
  const { agent, csrf } = await signIn(t.app, DEMO.contoso.users.admin.upn);
  await agent.post("/api/session/switch").set("X-CSRF-Token", csrf).send({ tenantId: DEMO.fabrikam.tenantId });
  fabrikam = { Authorization: `Bearer ${(await agent.post("/api/tokens").set("X-CSRF-Token", csrf).send({ displayName: "fab" })).body.token}` };
  const reset = await request(t.app).post("/api/lab/reset").set(auth).send({ scenario: "complete" });
  expect(reset.status, JSON.stringify(reset.body).slice(0, 500)).toBe(200);
  issuingCaId = (reset.body.cas as { id: string; parentCaId?: string }[]).find((c) => c.parentCaId)!.id;
  ndesServerId = (reset.body.servers as { id: string; name: string }[]).find((s) => s.name === "NDES01")!.id;
  const groups = await request(t.app).get(`${GRAPH}/groups?$filter=displayName eq '${COMPLETE_SETUP.scepGroup.displayName}'`).set(auth);
  const groupId = groups.body.value[0].id as string;
  const members = await request(t.app).get(`${GRAPH}/groups/${groupId}/members`).set(auth);
  const memberIds = new Set((members.body.value as { id: string }[]).map((m) => m.id));
  scepUserId = [...memberIds][0]!;
  const all = await request(t.app).get(`${GRAPH}/users?$top=999`).set(auth);
  outsiderId = (all.body.value as { id: string }[]).find((u) => !memberIds.has(u.id))!.id;
  const profiles = (await request(t.app).get(`${GRAPH}/deviceManagement/deviceConfigurations`).set(auth)).body.value as { id: string; displayName: string }[];
  for (const p of SETUP_PLATFORMS) {
    ids.scep[p] = profiles.find((x) => x.displayName === COMPLETE_SETUP.profileName.scep(p))!.id;
    ids.root[p] = profiles.find((x) => x.displayName === COMPLETE_SETUP.profileName.root(p))!.id;
  }
  dir = mkdtempSync(path.join(tmpdir(), "certlab-devices-"));
}, 180_000);

afterAll(async () => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  await t?.close();
});

describe("devices: create, list, open, delete", () => {
  it("creates a device (201, Graph managedDevice shape), lists it in /api and Graph, deletes it", async () => {
    const res = await create({ deviceName: "Adele-iPhone", platform: "iOS", userId: scepUserId, imei: "490154203237518" });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ "@odata.type": "#microsoft.graph.managedDevice", deviceName: "Adele-iPhone", operatingSystem: "iOS", userId: scepUserId, imei: "490154203237518", deviceEnrollmentType: "userEnrollment", managementAgent: "mdm", platform: "iOS", lastSync: null });
    expect(res.body.userPrincipalName).toMatch(/@/);
    const id = res.body.id as string;
    expect((await request(t.app).get(API).set(auth)).body.value.map((d: { id: string }) => d.id)).toContain(id);
    const g = await request(t.app).get(`${GRAPH}/deviceManagement/managedDevices?$filter=operatingSystem eq 'iOS'&$select=id,deviceName`).set(auth);
    expect(g.status, JSON.stringify(g.body)).toBe(200);
    expect(g.body.value).toContainEqual(expect.objectContaining({ id, deviceName: "Adele-iPhone" }));
    expect(Object.keys(g.body.value[0]).filter((k) => !k.startsWith("@")).sort()).toEqual(["deviceName", "id"]);
    expect((await request(t.app).get(`${GRAPH}/deviceManagement/managedDevices/${id}`).set(auth)).body.serialNumber).toMatch(/^[A-Z0-9]{12}$/);
    expect((await request(t.app).delete(`${API}/${id}`).set(auth)).status).toBe(204);
    expect((await request(t.app).get(`${API}/${id}`).set(auth)).status).toBe(404);
    expect((await request(t.app).get(`${GRAPH}/deviceManagement/managedDevices/${id}`).set(auth)).status).toBe(404);
  });

  it("400 naming the field: IMEI on macOS, unknown platform, missing user, a user of another directory", async () => {
    const field = async (body: Record<string, unknown>) => {
      const r = await create(body);
      expect(r.status, JSON.stringify(r.body)).toBe(400);
      return (r.body.error.details as { target: string }[]).map((d) => d.target);
    };
    expect(await field({ deviceName: "mac", platform: "macOS", userId: scepUserId, imei: "490154203237518" })).toEqual(["imei"]);
    expect(await field({ deviceName: "x", platform: "symbian", userId: scepUserId })).toEqual(["platform"]);
    expect(await field({ deviceName: "w", platform: "windows" })).toEqual(["userId"]);
    expect(await field({ deviceName: "w", platform: "windows", userId: DEMO.fabrikam.adminUserId })).toEqual(["userId"]);
    expect(await field({ deviceName: "w", platform: "windows", userId: scepUserId, groupIds: ["00000000-0000-4000-8000-000000000999"] })).toEqual(["groupIds[0]"]);
    expect((await request(t.app).get(API).set(auth)).body.value.filter((d: { deviceName: string }) => ["mac", "x", "w"].includes(d.deviceName))).toEqual([]);
  });

  it("Global Reader reads but cannot create or sync; another tenant sees nothing (404)", async () => {
    const res = await create({ deviceName: "iso-1", platform: "windows", userId: scepUserId });
    expect(res.status).toBe(201);
    const id = res.body.id as string;
    expect((await create({ deviceName: "r", platform: "windows", userId: scepUserId }, reader)).status).toBe(403);
    expect((await request(t.app).post(`${API}/${id}/sync`).set(reader)).status).toBe(403);
    expect((await request(t.app).get(`${API}/${id}`).set(reader)).status).toBe(200);
    expect((await request(t.app).get(`${API}/${id}`).set(fabrikam)).status).toBe(404);
    expect((await request(t.app).delete(`${API}/${id}`).set(fabrikam)).status).toBe(404);
    expect((await request(t.app).post(`${API}/${id}/sync`).set(fabrikam)).status).toBe(404);
    expect((await request(t.app).get(`${GRAPH}/deviceManagement/managedDevices`).set(fabrikam)).body.value).toEqual([]);
    expect((await request(t.app).delete(`${API}/${id}`).set(auth)).status).toBe(204);
  });
});

describe("Sync on the complete setup", () => {
  let iphone: string;

  it("issues a real certificate from the lab CA that openssl verify accepts against the CA chain", async () => {
    iphone = (await create({ deviceName: "Sync-iPhone", platform: "iOS", userId: scepUserId })).body.id;
    const res = await request(t.app).post(`${API}/${iphone}/sync`).set(auth);
    expect(res.status, JSON.stringify(res.body).slice(0, 2000)).toBe(200);
    const traces = res.body.traces as Trace[];
    const scep = traces.find((x) => x.profileId === ids.scep.iOS)!;
    expect(scep, JSON.stringify(scep?.hops)).toMatchObject({ outcome: "issued", intuneStatus: "Succeeded", failedHop: null, ca: { disposition: "issued" } });
    expect(scep.hops.every((h) => h.outcome === "ok")).toBe(true);
    expect(traces.find((x) => x.profileId === ids.root.iOS)?.intuneStatus).toBe("Succeeded");
    expect(res.body.device.lastSync.traces).toHaveLength(traces.length);
    expect(res.body.device.deviceConfigurationStates).toContainEqual(expect.objectContaining({ profileId: ids.scep.iOS, status: "succeeded" }));
    // Android/Windows profiles reach the user too: Not applicable on an iPhone.
    expect(res.body.device.deviceConfigurationStates).toContainEqual(expect.objectContaining({ profileId: ids.scep.windows, status: "notApplicable" }));

    const certs = await request(t.app).get(`${API}/${iphone}/certificates`).set(auth);
    expect(certs.body.value).toHaveLength(1);
    const cert = certs.body.value[0] as { pem: string; chain: { pem: string }[]; serialNumber: string; subjectAlternativeNames: { type: string; value: string }[] };
    expect(cert.serialNumber).toBe(scep.ca!.serialNumber);
    expect(cert.subjectAlternativeNames.some((s) => s.type === "upn")).toBe(true);
    writeFileSync(path.join(dir, "leaf.pem"), cert.pem);
    writeFileSync(path.join(dir, "chain.pem"), cert.chain.map((c) => c.pem.trim()).join("\n") + "\n");
    const v = spawnSync("openssl", ["verify", "-CAfile", path.join(dir, "chain.pem"), path.join(dir, "leaf.pem")], { encoding: "utf8" });
    expect(`${v.stdout}${v.stderr}`).toContain(": OK");
    expect(v.status).toBe(0);

    // The CA's Issued Certificates has it, with the request id the trace names.
    const issued = await request(t.app).get(`/api/lab/cas/${issuingCaId}/requests?disposition=issued`).set(auth);
    expect(issued.body.value).toContainEqual(expect.objectContaining({ requestId: scep.ca!.requestId, disposition: "issued", serialNumber: cert.serialNumber }));

    // The profile's Device status report lists the device.
    const statuses = await request(t.app).get(`${GRAPH}/deviceManagement/deviceConfigurations/${ids.scep.iOS}/deviceStatuses`).set(auth);
    expect(statuses.status, JSON.stringify(statuses.body)).toBe(200);
    expect(statuses.body.value).toContainEqual(expect.objectContaining({ deviceDisplayName: "Sync-iPhone", status: "succeeded" }));
    const overview = await request(t.app).get(`${GRAPH}/deviceManagement/deviceConfigurations/${ids.scep.iOS}/deviceStatusOverview`).set(auth);
    expect(overview.body).toMatchObject({ successCount: 1, errorCount: 0 });
  }, 120_000);

  it("a broken MSCEP registry (wrong template) fails at the CA hop with 0x80094800, Intune status Error, no new certificate", async () => {
    const p = await request(t.app).patch(`/api/lab/servers/${ndesServerId}/registry/mscep`).set(auth).send({ GeneralPurposeTemplate: "IntuneSCEPv2" });
    expect(p.status, JSON.stringify(p.body)).toBe(200);
    expect((await request(t.app).post(`/api/lab/servers/${ndesServerId}/restart`).set(auth)).status).toBe(200);
    const res = await request(t.app).post(`${API}/${iphone}/sync`).set(auth);
    expect(res.status).toBe(200);
    const scep = (res.body.traces as Trace[]).find((x) => x.profileId === ids.scep.iOS)!;
    expect(scep, JSON.stringify(scep.hops)).toMatchObject({ outcome: "failed", failedHop: "ca", intuneStatus: "Error", ca: { disposition: "failed" } });
    const ca = scep.hops.find((h) => h.id === "ca")!;
    expect(ca.symptom!.text).toMatch(/0x80094800|not supported by this CA/);
    expect(ca.symptom!.eventId).toBe(31);
    expect(ca.codes.length).toBeGreaterThan(0);
    expect(scep.statusText).toMatch(/not supported by this CA/);
    expect((await request(t.app).get(`${API}/${iphone}/certificates`).set(auth)).body.value).toHaveLength(1);
    const failed = await request(t.app).get(`/api/lab/cas/${issuingCaId}/requests?disposition=failed`).set(auth);
    expect(failed.body.value).toContainEqual(expect.objectContaining({ requestId: scep.ca!.requestId, statusCode: "0x80094800", template: "IntuneSCEPv2" }));
    const statuses = await request(t.app).get(`${GRAPH}/deviceManagement/deviceConfigurations/${ids.scep.iOS}/deviceStatuses`).set(auth);
    expect(statuses.body.value).toContainEqual(expect.objectContaining({ deviceDisplayName: "Sync-iPhone", status: "error" }));
    // Graph's syncDevice runs the same Sync and answers 204.
    expect((await request(t.app).post(`${GRAPH}/deviceManagement/managedDevices/${iphone}/syncDevice`).set(auth)).status).toBe(204);
    // Put the registry back for the tests below.
    expect((await request(t.app).patch(`/api/lab/servers/${ndesServerId}/registry/mscep`).set(auth).send({ GeneralPurposeTemplate: COMPLETE_SETUP.lab.scepTemplate.name })).status).toBe(200);
    expect((await request(t.app).post(`/api/lab/servers/${ndesServerId}/restart`).set(auth)).status).toBe(200);
  }, 120_000);

  it("issues on the other platforms of the setup too (macOS, Windows, Android fully managed, Android work profile)", async () => {
    for (const platform of SETUP_PLATFORMS.filter((p) => p !== "iOS")) {
      const id = (await create({ deviceName: `Sync-${platform}`, platform, userId: scepUserId })).body.id;
      const res = await request(t.app).post(`${API}/${id}/sync`).set(auth).send({});
      expect(res.status).toBe(200);
      const scep = (res.body.traces as Trace[]).find((x) => x.profileId === ids.scep[platform])!;
      expect(scep, `${platform}: ${JSON.stringify(scep?.hops.filter((h) => h.outcome !== "ok"))}`).toMatchObject({ outcome: "issued", intuneStatus: "Succeeded", ca: { disposition: "issued" } });
      expect((await request(t.app).get(`${API}/${id}/certificates`).set(auth)).body.value, platform).toHaveLength(1);
    }
  }, 180_000);

  it("a device whose user is outside the assigned group gets nothing", async () => {
    const id = (await create({ deviceName: "Outsider-iPhone", platform: "iOS", userId: outsiderId })).body.id;
    const res = await request(t.app).post(`${API}/${id}/sync`).set(auth);
    expect(res.status).toBe(200);
    expect(res.body.traces).toEqual([]);
    expect(res.body.device.deviceConfigurationStates).toEqual([]);
    expect((await request(t.app).get(`${API}/${id}/certificates`).set(auth)).body.value).toEqual([]);
    const ch = await request(t.app).post(`${API}/${id}/scep-challenge`).set(auth).send({ profileId: ids.scep.iOS });
    expect(ch.status).toBe(400);
    expect(ch.body.error.details[0].target).toBe("profileId");
  }, 60_000);

  it("scep-challenge: what Intune hands the device for a real client (subject and SAN resolved for its user)", async () => {
    const ch = await request(t.app).post(`${API}/${iphone}/scep-challenge`).set(auth).send({ profileId: ids.scep.iOS });
    expect(ch.status, JSON.stringify(ch.body)).toBe(201);
    expect(ch.body).toMatchObject({ keySize: 2048, keyUsage: ["digitalSignature", "keyEncipherment"] });
    expect(ch.body.challenge.length).toBeGreaterThan(40);
    expect(ch.body.subjectAlternativeNames[0].type).toBe("upn");
    expect(ch.body.localUrl).toMatch(/\/scep\/.+\/certsrv\/mscep\/mscep\.dll$/);
    expect(Date.parse(ch.body.expiresDateTime)).toBeGreaterThan(Date.now());
    const bad = await request(t.app).post(`${API}/${iphone}/scep-challenge`).set(auth).send({ profileId: "nope" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].target).toBe("profileId");
  });
});
