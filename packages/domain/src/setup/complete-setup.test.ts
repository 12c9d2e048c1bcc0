import { describe, expect, it } from "vitest";
import { evaluate } from "../rules/engine";
import { ALL_RULES } from "../rules/catalogue";
import { aTenant } from "../directory/tenant-builder";
import { ROLE_IDS } from "../directory/roles";
import { hasIntuneLicense } from "../directory/licenses";
import { intuneIndex } from "../intune/snapshot";
import { buildIndex } from "../rules/snapshot";
import { ZDeviceConfigurationCreate, storedFromCreate, TYPE_PROPERTIES, SCEP_TYPES, TRUSTED_ROOT_TYPES } from "../intune/profiles";
import { targetGroupId } from "../intune/assignments";
import { COMPLETE_SETUP, ISSUING_CA_PLATFORMS, SETUP_PLATFORMS, completeSetup, completeSetupPlan, setupProfileBody } from "./complete-setup";
import { EXPECTED_INFO_FINDINGS } from "./expected-findings";
import { completeSetupDoc } from "./complete-setup-doc";

const NOW = new Date("2026-03-12T08:00:00Z");
const loud = (f: { severity: string }) => f.severity !== "info";

describe("completeSetup()", () => {
  const t = completeSetup({ now: NOW });
  const findings = evaluate(t, ALL_RULES);

  it("the whole catalogue reports 0 errors and 0 warnings", () => {
    expect(findings.filter(loud).map((f) => `${f.code}: ${f.message}`)).toEqual([]);
  });

  it("the info findings are exactly the documented ones", () => {
    const got = findings.filter((f) => f.severity === "info").map((f) => `${f.code} ${f.objects[0]?.displayName}`);
    expect(got.sort()).toEqual(EXPECTED_INFO_FINDINGS.map((e) => `${e.code} ${e.objects[0]}`).sort());
  });

  it("stays quiet at another moment and in another directory (Fabrikam, no P1, a guest Global Administrator only)", () => {
    const fabrikam = aTenant({ displayName: "Fabrikam", domain: "fabrikam", skus: ["INTUNE_A"], users: [{ upn: "admin_contoso.onmicrosoft.com#EXT#@fabrikam.onmicrosoft.com", roles: ["globalAdministrator"] }] });
    const plan = completeSetupPlan({ now: new Date("2027-01-01T00:00:00Z"), base: fabrikam });
    expect(evaluate(plan.snapshot).filter(loud).map((f) => f.code)).toEqual([]);
    expect(plan.externalUrl).toBe("https://ndes-fabrikam.msappproxy.net/");
    // What it adds: the EMS subscription, an Intune and an Application Administrator, licences, the group.
    expect(plan.directory.subscribedSkus.map((s) => s.skuPartNumber)).toEqual(["EMS"]);
    expect(plan.directory.users.map((u) => u.userPrincipalName)).toEqual(["intune-admin@fabrikam.onmicrosoft.com", "app-admin@fabrikam.onmicrosoft.com"]);
    expect(plan.directory.roleAssignments.map((r) => r.roleDefinitionId)).toEqual([ROLE_IDS.intuneAdministrator, ROLE_IDS.applicationAdministrator]);
    expect(plan.directory.scepGroup.isNew).toBe(true);
  });

  it("uses what the demo directory already has: its Intune and Application Administrators, no new users", () => {
    const plan = completeSetupPlan({ now: NOW });
    expect(plan.directory.users).toEqual([]);
    expect(plan.directory.subscribedSkus).toEqual([]);
    expect(plan.accounts.intuneAdmin.userPrincipalName).toBe("intune-admin@contoso.onmicrosoft.com");
    expect(plan.accounts.appAdmin.userPrincipalName).toBe("app-admin@contoso.onmicrosoft.com");
    // The Application Administrator gets an Entra ID P1 licence; the Intune Administrator already has EMS.
    expect(plan.directory.licences).toEqual([{ userId: plan.accounts.appAdmin.id, skuId: COMPLETE_SETUP.sku.skuId }]);
    expect(hasIntuneLicense(plan.accounts.intuneAdmin.assignedLicenses)).toBe(true);
    // The lab's connectors record those accounts.
    expect(plan.snapshot.lab!.intuneCertificateConnectors[0]!.signedInUpn).toBe("intune-admin@contoso.onmicrosoft.com");
    expect(plan.snapshot.lab!.appProxyConnectors.map((c) => c.registeredByUpn)).toEqual(["app-admin@contoso.onmicrosoft.com", "app-admin@contoso.onmicrosoft.com"]);
  });

  it("has a SCEP profile for each platform, every one using the External URL, with a root of its own platform", () => {
    const scep = t.intune!.profiles.filter((p) => Object.values(SCEP_TYPES).includes(p.odataType as never));
    expect(scep.map((p) => p.odataType).sort()).toEqual(SETUP_PLATFORMS.map((p) => SCEP_TYPES[p]).sort());
    for (const p of scep) {
      expect(p.settings.scepServerUrls).toEqual(["https://ndes-contoso.msappproxy.net/certsrv/mscep/mscep.dll"]);
      const root = t.intune!.profiles.find((r) => r.id === p.rootCertificateId)!;
      expect(root.certificate!.thumbprint).toBe(t.lab!.cas.find((c) => !c.parentCaId)!.certificate.thumbprint);
    }
    const ix = intuneIndex(t, buildIndex(t))!;
    expect(ix.scep.map((c) => c.root?.odataType).sort()).toEqual(SETUP_PLATFORMS.map((p) => TRUSTED_ROOT_TYPES[p]).sort());
  });

  it("Android gets the issuing CA too; the External URL is published with Passthrough through two Active connectors", () => {
    const issuing = t.lab!.cas.find((c) => c.parentCaId)!;
    const holders = t.intune!.profiles.filter((p) => p.certificate?.thumbprint === issuing.certificate.thumbprint).map((p) => p.odataType);
    expect(holders.sort()).toEqual(ISSUING_CA_PLATFORMS.map((p) => TRUSTED_ROOT_TYPES[p]).sort());
    const app = t.entra!.applications[0]!;
    expect(app.onPremisesPublishing).toMatchObject({ externalUrl: "https://ndes-contoso.msappproxy.net/", externalAuthenticationType: "passthru", internalUrl: "https://ndes01.corp.contoso.com/" });
    const group = t.entra!.connectorGroups.find((g) => g.id === app.connectorGroupId)!;
    expect(group.name).toBe("NDES Connector Group");
    expect(t.entra!.connectors.filter((c) => c.connectorGroupId === group.id && c.status === "active")).toHaveLength(2);
    const iis = t.lab!.servers.find((s) => s.name === "NDES01")!.certificates.my.find((c) => c.template === "NDESServer")!;
    expect(iis.san).toContain("ndes-contoso.msappproxy.net");
  });

  it("each SCEP profile and its root (and the issuing CA profile) are assigned to the same groups", () => {
    const groupsOf = (id: string) => t.intune!.assignments.filter((a) => a.profileId === id).map((a) => targetGroupId(a.target)).sort();
    const scepGroup = t.directory.groups.find((g) => g.displayName === COMPLETE_SETUP.scepGroup.displayName)!;
    for (const p of t.intune!.profiles) expect(groupsOf(p.id)).toEqual([scepGroup.id]);
    for (const p of t.intune!.profiles.filter((x) => x.rootCertificateId)) expect(groupsOf(p.id)).toEqual(groupsOf(p.rootCertificateId!));
    expect(t.directory.groupMembers.filter((m) => m.groupId === scepGroup.id).length).toBeGreaterThan(0);
  });

  it("every profile's create body passes the Graph schema and stores exactly the snapshot's settings", () => {
    const plan = completeSetupPlan({ now: NOW });
    for (const sp of plan.profiles) {
      const body = setupProfileBody(sp, { certificateBase64: sp.kind === "scep" ? undefined : "MIIB" });
      const parsed = ZDeviceConfigurationCreate.safeParse(body);
      expect(parsed.error?.issues ?? [], sp.profile.displayName).toEqual([]);
      const stored = storedFromCreate(parsed.data!, { id: sp.profile.id, now: NOW.toISOString() });
      const keys = Object.keys(TYPE_PROPERTIES[sp.profile.odataType]);
      const own = (s: Record<string, unknown>) => Object.fromEntries(keys.filter((k) => k !== "trustedRootCertificate").map((k) => [k, s[k] ?? null]));
      expect(own(stored.settings)).toEqual(own(sp.profile.settings));
      expect(stored.rootCertificateId).toBe(sp.profile.rootCertificateId);
    }
  });
});

describe("completeSetupDoc() (docs/complete-setup.md; npm test checks the file with scripts/gen-complete-setup-doc.ts --check)", () => {
  it("lists every expected info finding and every profile of the setup", () => {
    const doc = completeSetupDoc();
    for (const f of EXPECTED_INFO_FINDINGS) expect(doc).toContain(`\`${f.code}\``);
    for (const p of completeSetup({ now: NOW }).intune!.profiles) expect(doc).toContain(`| ${p.displayName} |`);
  });
});
