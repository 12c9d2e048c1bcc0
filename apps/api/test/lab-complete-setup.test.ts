// POST /api/lab/reset {"scenario":"complete"} (issue 8): the complete correct setup loaded into the signed-in tenant
// in one transaction. After it the findings are 0 errors / 0 warnings, the Intune and Entra surfaces show the objects,
// a failure midway leaves the previous state, Contoso and Fabrikam don't touch each other, and a second reset
// replaces rather than duplicates.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Express } from "express";
import { parseCertificate } from "@certlab/pki/certificate-info";
import { COMPLETE_SETUP, SETUP_PLATFORMS } from "@certlab/domain/setup/complete-setup";
import { SCEP_TYPES } from "@certlab/domain/intune/profiles";
import { EXPECTED_INFO_FINDINGS } from "@certlab/domain/setup/expected-findings";
import { IntuneStore } from "../src/store/intune/store.ts";
import { createTestApp, DEMO, expectStatus, signIn, signInFabrikamAdmin, users, type Agent, type TestApp } from "./harness.ts";
import { GRAPH } from "./helpers.ts";

type Findings = { value: { code: string; severity: string; message: string }[]; summary: { error: number; warning: number; info: number } };

let t: TestApp;
let app: Express;
let contoso: Agent;
let fabrikam: Agent;

const ok = expectStatus;
const reset = (a: Agent, scenario: string) => a.agent.post("/api/lab/reset").set("X-CSRF-Token", a.csrf).send({ scenario });
const findings = async (a: Agent, tenantId: string) => (await ok(a.agent.get(`/api/tenants/${tenantId}/findings`))).body as Findings;
const graph = async (a: Agent, path: string) => (await ok(a.agent.get(`${GRAPH}/${path}`))).body as { value: Record<string, unknown>[] };

/** What a user would compare between two moments: the tenant's profiles, apps, groups, connectors and lab. */
async function state(a: Agent) {
  const profiles = (await graph(a, "deviceManagement/deviceConfigurations")).value.map((p) => `${String(p["@odata.type"])} ${String(p.displayName)}`).sort();
  const apps = (await graph(a, "applications")).value.map((x) => String(x.displayName)).sort();
  const groups = (await graph(a, "onPremisesPublishingProfiles/applicationProxy/connectorGroups")).value.map((g) => String(g.name)).sort();
  const connectors = (await graph(a, "onPremisesPublishingProfiles/applicationProxy/connectors")).value.map((c) => String(c.machineName)).sort();
  const lab = (await ok(a.agent.get("/api/lab"))).body as { servers: { name: string }[]; cas: { certificate: { thumbprint: string } }[] };
  return { profiles, apps, groups, connectors, servers: lab.servers.map((s) => s.name).sort(), cas: lab.cas.map((c) => c.certificate.thumbprint).sort() };
}

beforeAll(async () => {
  t = await createTestApp();
  app = t.app;
  contoso = await signIn(app, users.admin.upn);
  // The same person in Fabrikam, where they are a guest Global Administrator.
  fabrikam = await signInFabrikamAdmin(app);
}, 60_000);
afterAll(async () => t?.close());

describe('POST /api/lab/reset {"scenario":"complete"}', () => {
  it("loads the whole setup into Contoso: 0 errors, 0 warnings, exactly the documented info findings", async () => {
    const lab = (await ok(reset(contoso, "complete"))).body as { servers: { name: string }[] };
    expect(lab.servers.map((s) => s.name).sort()).toEqual(["APPPROXY01", "APPPROXY02", "CA01", "DC01", "NDES01", "ROOTCA01"]);
    const f = await findings(contoso, DEMO.contoso.tenantId);
    expect(f.value.filter((x) => x.severity !== "info").map((x) => `${x.code}: ${x.message}`)).toEqual([]);
    expect(f.summary).toMatchObject({ error: 0, warning: 0 });
    expect(f.value.map((x) => x.code).sort()).toEqual(EXPECTED_INFO_FINDINGS.map((e) => e.code).sort());
  }, 120_000);

  it("the Intune admin center lists the profiles, each SCEP profile with the External URL, its root and the same group", async () => {
    const list = (await graph(contoso, "deviceManagement/deviceConfigurations")).value;
    expect(list).toHaveLength(12);
    const scep = list.filter((p) => Object.values(SCEP_TYPES).some((x) => `#${x}` === p["@odata.type"]));
    expect(scep.map((p) => p["@odata.type"]).sort()).toEqual(SETUP_PLATFORMS.map((p) => `#${SCEP_TYPES[p]}`).sort());
    const group = (await graph(contoso, `groups?$filter=displayName eq '${COMPLETE_SETUP.scepGroup.displayName}'`)).value[0]!;
    const labRoot = ((await ok(contoso.agent.get("/api/lab"))).body as { cas: { name: string; certificate: { thumbprint: string } }[] }).cas.find((c) => c.name === "Contoso Root CA")!;
    for (const p of scep) {
      expect(p.scepServerUrls).toEqual(["https://ndes-contoso.msappproxy.net/certsrv/mscep/mscep.dll"]);
      const root = (await ok(contoso.agent.get(`${GRAPH}/deviceManagement/deviceConfigurations/${String(p.id)}/rootCertificate`))).body as Record<string, unknown>;
      // The trusted profile holds the real lab root certificate, DER base64 as the certutil export uploads it.
      expect(parseCertificate(String(root.trustedRootCertificate)).thumbprint).toBe(labRoot.certificate.thumbprint);
      const targets = async (id: string) =>
        ((await graph(contoso, `deviceManagement/deviceConfigurations/${id}/assignments`)).value.map((a) => (a.target as { groupId?: string }).groupId)).sort();
      expect(await targets(String(p.id))).toEqual([group.id]);
      expect(await targets(String(root.id))).toEqual([group.id]);
    }
  });

  it("Entra lists the NDES application published with Passthrough in NDES Connector Group with two Active connectors", async () => {
    const apps = (await graph(contoso, "applications")).value;
    expect(apps.map((a) => a.displayName)).toEqual(["NDES"]);
    const app0 = (await ok(contoso.agent.get(`${GRAPH}/applications/${String(apps[0]!.id)}?$select=id,onPremisesPublishing`))).body as { onPremisesPublishing: Record<string, unknown> };
    expect(app0.onPremisesPublishing).toMatchObject({
      externalUrl: "https://ndes-contoso.msappproxy.net/",
      internalUrl: "https://ndes01.corp.contoso.com/",
      externalAuthenticationType: "passthru",
    });
    const group = (await ok(contoso.agent.get(`${GRAPH}/applications/${String(apps[0]!.id)}/connectorGroup`))).body as { id: string; name: string };
    expect(group.name).toBe("NDES Connector Group");
    const members = (await graph(contoso, `onPremisesPublishingProfiles/applicationProxy/connectorGroups/${group.id}/members`)).value;
    expect(members.map((c) => [c.machineName, c.status])).toEqual([
      ["appproxy01.corp.contoso.com", "active"],
      ["appproxy02.corp.contoso.com", "active"],
    ]);
    const sps = (await graph(contoso, `servicePrincipals?$filter=appId eq '${String(apps[0]!.appId)}'`)).value;
    expect(sps).toHaveLength(1);
  });

  it("the audit log has one entry for the reset", async () => {
    const audit = (await graph(contoso, "auditLogs/directoryAudits")).value;
    expect(audit.filter((a) => a.activityDisplayName === "Reset lab to the complete correct setup")).toHaveLength(1);
  });

  it("a second reset replaces rather than duplicates", async () => {
    const before = await state(contoso);
    await ok(reset(contoso, "complete"));
    const after = await state(contoso);
    expect({ ...after, cas: after.cas.length }).toEqual({ ...before, cas: before.cas.length });
    // New keys: the CA certificates are new, and the profiles hold the new ones (findings still quiet).
    expect(after.cas).not.toEqual(before.cas);
    expect((await findings(contoso, DEMO.contoso.tenantId)).summary).toMatchObject({ error: 0, warning: 0 });
    const groups = (await graph(contoso, `groups?$filter=displayName eq '${COMPLETE_SETUP.scepGroup.displayName}'`)).value;
    expect(groups).toHaveLength(1);
  }, 120_000);

  it("is atomic: a failure midway (the last profile's assignment) leaves the previous state intact", async () => {
    await ok(reset(contoso, "fresh"));
    const before = await state(contoso);
    expect(before.profiles).toHaveLength(12); // "fresh" replaces the lab only, as before issue 8.
    const original = IntuneStore.prototype.assign;
    let calls = 0;
    const broken = vi.spyOn(IntuneStore.prototype, "assign").mockImplementation(async function (this: IntuneStore, ...args) {
      if (++calls === 12) throw new Error("disk full");
      return original.apply(this, args);
    });
    try {
      const res = await reset(contoso, "complete");
      expect(res.status).toBe(500);
      expect(calls).toBe(12);
    } finally {
      broken.mockRestore();
    }
    expect(await state(contoso)).toEqual(before);
    const audit = (await graph(contoso, "auditLogs/directoryAudits")).value;
    expect(audit.filter((a) => a.activityDisplayName === "Reset lab to the complete correct setup")).toHaveLength(2);
  }, 120_000);

  it("is isolated: resetting Fabrikam (its own domain, its own admins) leaves Contoso unchanged, and vice-versa", async () => {
    await ok(reset(contoso, "complete"));
    const contosoBefore = await state(contoso);
    const fabBefore = await state(fabrikam);
    expect(fabBefore.profiles).toEqual([]);

    await ok(reset(fabrikam, "complete"));
    expect({ ...(await state(contoso)) }).toEqual(contosoBefore);
    const f = await findings(fabrikam, DEMO.fabrikam.tenantId);
    expect(f.value.filter((x) => x.severity !== "info").map((x) => `${x.code}: ${x.message}`)).toEqual([]);
    const fabApp = (await graph(fabrikam, "applications")).value[0]!;
    const fabPublishing = (await ok(fabrikam.agent.get(`${GRAPH}/applications/${String(fabApp.id)}?$select=id,onPremisesPublishing`))).body as { onPremisesPublishing: { externalUrl: string } };
    expect(fabPublishing.onPremisesPublishing.externalUrl).toBe("https://ndes-fabrikam.msappproxy.net/");
    // Fabrikam had only a guest Global Administrator: the setup added its Intune and Application Administrators.
    const fabUsers = (await graph(fabrikam, "users")).value.map((u) => u.userPrincipalName);
    expect(fabUsers).toEqual(expect.arrayContaining(["intune-admin@fabrikam.onmicrosoft.com", "app-admin@fabrikam.onmicrosoft.com"]));

    const fabAfter = await state(fabrikam);
    await ok(reset(contoso, "complete"));
    const fabAgain = await state(fabrikam);
    expect(fabAgain).toEqual(fabAfter);
  }, 240_000);

  it("is refused (403) to an Intune Administrator, who may reset the lab but not assign roles or publish apps", async () => {
    const intune = await signIn(app, users.intuneAdmin.upn);
    const res = await reset(intune, "complete");
    expect(res.status).toBe(403);
    const bad = await reset(contoso, "everything");
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain("scenario");
  });
});
