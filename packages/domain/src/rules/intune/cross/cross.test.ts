// The profiles against the lab and application proxy behind them (seeds 000–002 done right, then broken once).
import { describe, expect, it } from "vitest";
import { evaluate } from "../../engine";
import type { Rule } from "../../types";
import type { TenantSnapshot } from "../../snapshot";
import { correctIntune, correctTenant, profile, ROOT_PROFILE_ID, scepProfile, SCEP_PROFILE_ID, trustedProfile, withIntune, factsOfCaCertificate } from "../../../intune/testing";
import type { TPlatform } from "../../../intune/profile-types";
import { APPPROXY_INTUNE_URL_NOT_UPDATED } from "../../entra/cross/cross-rules";
import { PROF_URL_INTERNAL_ONLY, PROF_URL_NOT_APPPROXY_EXTERNAL, TRUST_INTERMEDIATE_AS_ROOT, TRUST_ISSUING_CA_NOT_DEPLOYED } from "./urls-chain";
import {
  PROF_KEYSIZE_BELOW_TEMPLATE_MIN,
  PROF_KEYUSAGE_REGISTRY_MISMATCH,
  PROF_VALIDITY_CUSTOM_APPLE,
  PROF_VALIDITY_CUSTOM_WITHOUT_EDITF,
  PROF_VALIDITY_GT_TEMPLATE,
  TPL_APPLE_NONREPUDIATION,
} from "./templates";

const messages = (t: TenantSnapshot, rule: Rule) => evaluate(t, [rule]).map((f) => f.message);
const scepWith = (settings: Record<string, unknown>, platform: TPlatform = "iOS", t = correctTenant()) =>
  withIntune(t, (i) => {
    const p = profile(i, SCEP_PROFILE_ID);
    Object.assign(p, scepProfile(platform, { displayName: p.displayName, settings }));
  });
const labEdit = (t: TenantSnapshot, edit: (lab: NonNullable<TenantSnapshot["lab"]>) => void): TenantSnapshot => {
  const lab = structuredClone(t.lab!);
  edit(lab);
  return { ...t, lab };
};
/** Seed 001's registry: only GeneralPurposeTemplate holds the template (its Purpose is Signature and encryption). */
const seed001Registry = (t: TenantSnapshot) =>
  labEdit(t, (lab) => {
    const r = lab.ndes[0]!.mscepRegistry;
    r.SignatureTemplate = "IPSECIntermediateOffline";
    r.EncryptionTemplate = "IPSECIntermediateOffline";
  });
const scepTemplate = (lab: NonNullable<TenantSnapshot["lab"]>) => lab.templates.find((x) => x.name === "IntuneSCEP")!;
const ALL_CROSS = [PROF_KEYUSAGE_REGISTRY_MISMATCH, PROF_KEYSIZE_BELOW_TEMPLATE_MIN, PROF_VALIDITY_GT_TEMPLATE, PROF_VALIDITY_CUSTOM_WITHOUT_EDITF, PROF_VALIDITY_CUSTOM_APPLE, TPL_APPLE_NONREPUDIATION, PROF_URL_NOT_APPPROXY_EXTERNAL, PROF_URL_INTERNAL_ONLY, APPPROXY_INTUNE_URL_NOT_UPDATED, TRUST_INTERMEDIATE_AS_ROOT, TRUST_ISSUING_CA_NOT_DEPLOYED];

describe("cross-checks stay silent without a lab to compare with", () => {
  it("a broken profile in a tenant without lab or Entra triggers none of them", () => {
    const t = withIntune(correctIntune(), (i) => Object.assign(profile(i, SCEP_PROFILE_ID).settings, { keyUsage: "digitalSignature", scepServerUrls: ["https://ndes01.corp.contoso.com/certsrv/mscep/mscep.dll"] }));
    expect(evaluate(t, ALL_CROSS)).toEqual([]);
  });
  it("the correct lab, application proxy and profiles trigger none of them", () => {
    expect(evaluate(correctTenant(), ALL_CROSS)).toEqual([]);
  });
});

describe("PROF_KEYUSAGE_REGISTRY_MISMATCH: key usage ↔ MSCEP registry value ↔ template purpose", () => {
  it("a profile whose key usage is Digital signature needs SignatureTemplate to hold the template name", () => {
    const t = scepWith({ keyUsage: "digitalSignature" }, "iOS", seed001Registry(correctTenant()));
    expect(messages(t, PROF_KEYUSAGE_REGISTRY_MISMATCH)).toEqual([
      "SCEP profile 'SCEP - iOS' (iOS/iPadOS SCEP certificate) has key usage Digital signature, so NDES on ndes01.corp.contoso.com " +
        "reads SignatureTemplate: SignatureTemplate still holds 'IPSECIntermediateOffline' (the default); the SCEP template 'IntuneSCEP' is in GeneralPurposeTemplate.",
    ]);
  });
  it("both key usages read GeneralPurposeTemplate, which seed 001 set", () => {
    expect(messages(seed001Registry(correctTenant()), PROF_KEYUSAGE_REGISTRY_MISMATCH)).toEqual([]);
  });
  it("fires when the value holds the template's display name", () => {
    const t = labEdit(correctTenant(), (lab) => (lab.ndes[0]!.mscepRegistry.GeneralPurposeTemplate = "Intune SCEP"));
    expect(messages(t, PROF_KEYUSAGE_REGISTRY_MISMATCH)[0]).toContain("GeneralPurposeTemplate holds 'Intune SCEP', the display name of template 'IntuneSCEP'");
  });
});

describe("the template behind the profile", () => {
  it("PROF_KEYSIZE_BELOW_TEMPLATE_MIN fires for 2048 bits against a 4096-bit minimum, quiet at 2048", () => {
    const t = labEdit(correctTenant(), (lab) => (scepTemplate(lab).minimumKeySize = 4096));
    expect(messages(t, PROF_KEYSIZE_BELOW_TEMPLATE_MIN)[0]).toContain("asks for 2048-bit keys; template 'IntuneSCEP' requires at least 4096");
    expect(messages(correctTenant(), PROF_KEYSIZE_BELOW_TEMPLATE_MIN)).toEqual([]);
  });
  it("PROF_VALIDITY_GT_TEMPLATE fires for a Windows profile asking 2 years of a 1-year template, quiet at 12 months", () => {
    expect(messages(scepWith({ certificateValidityPeriodValue: 2 }, "windows"), PROF_VALIDITY_GT_TEMPLATE)[0]).toContain("asks for 2 years; template 'IntuneSCEP' issues for 1 year");
    expect(messages(scepWith({ certificateValidityPeriodValue: 12, certificateValidityPeriodScale: "months" }, "windows"), PROF_VALIDITY_GT_TEMPLATE)).toEqual([]);
  });
  it("PROF_VALIDITY_CUSTOM_WITHOUT_EDITF fires for 6 months when the CA lacks EDITF_ATTRIBUTEENDDATE, quiet with it", () => {
    const six = { certificateValidityPeriodValue: 6, certificateValidityPeriodScale: "months" };
    const noFlag = labEdit(correctTenant(), (lab) => lab.cas.forEach((ca) => (ca.editFlags = ca.editFlags.filter((f) => f !== "EDITF_ATTRIBUTEENDDATE"))));
    expect(messages(scepWith(six, "windows", noFlag), PROF_VALIDITY_CUSTOM_WITHOUT_EDITF)[0]).toContain("doesn't have EDITF_ATTRIBUTEENDDATE: certificates get 1 year");
    expect(messages(scepWith(six, "windows"), PROF_VALIDITY_CUSTOM_WITHOUT_EDITF)).toEqual([]);
  });
  it("PROF_VALIDITY_CUSTOM_APPLE informs that an iOS profile's 6 months is ignored, quiet at the template's 1 year", () => {
    expect(evaluate(scepWith({ certificateValidityPeriodValue: 6, certificateValidityPeriodScale: "months" }), [PROF_VALIDITY_CUSTOM_APPLE])).toMatchObject([{ severity: "info" }]);
    expect(messages(correctTenant(), PROF_VALIDITY_CUSTOM_APPLE)).toEqual([]);
  });
  it("TPL_APPLE_NONREPUDIATION fires when the iOS profile's template has Signature is proof of origin, quiet without", () => {
    const t = labEdit(correctTenant(), (lab) => (scepTemplate(lab).keyUsage.nonRepudiation = true));
    expect(messages(t, TPL_APPLE_NONREPUDIATION)[0]).toContain("Template 'IntuneSCEP', used by SCEP profile 'SCEP - iOS'");
    expect(messages(scepWith({}, "windows", t), TPL_APPLE_NONREPUDIATION)).toEqual([]);
  });
});

describe("SCEP server URL ↔ application proxy External URL ↔ NDES FQDN", () => {
  const internal = "https://ndes01.corp.contoso.com/certsrv/mscep/mscep.dll";
  it("APPPROXY_INTUNE_URL_NOT_UPDATED (an Entra rule) reads the profile's internal URL from this snapshot", () => {
    expect(messages(scepWith({ scepServerUrls: [internal] }), APPPROXY_INTUNE_URL_NOT_UPDATED)[0]).toContain("publishes NDES at https://ndes-contoso.msappproxy.net/certsrv/mscep/mscep.dll");
    expect(messages(correctTenant(), APPPROXY_INTUNE_URL_NOT_UPDATED)).toEqual([]);
  });
  it("PROF_URL_NOT_APPPROXY_EXTERNAL fires for a mistyped msappproxy.net name", () => {
    const t = scepWith({ scepServerUrls: ["https://ndes-contso.msappproxy.net/certsrv/mscep/mscep.dll"] });
    expect(messages(t, PROF_URL_NOT_APPPROXY_EXTERNAL)[0]).toContain("the application proxy External URL is 'https://ndes-contoso.msappproxy.net/'");
    expect(messages(correctTenant(), PROF_URL_NOT_APPPROXY_EXTERNAL)).toEqual([]);
  });
  it("PROF_URL_INTERNAL_ONLY fires for the NDES FQDN when NDES is not published at all", () => {
    const t = { ...scepWith({ scepServerUrls: [internal] }), entra: undefined };
    expect(messages(t, PROF_URL_INTERNAL_ONLY)[0]).toContain("lists only internal names ('ndes01.corp.contoso.com')");
    expect(messages(scepWith({ scepServerUrls: [internal] }), PROF_URL_INTERNAL_ONLY)).toEqual([]); // said by APPPROXY_INTUNE_URL_NOT_UPDATED
  });
});

describe("the trusted root ↔ the CA chain behind NDES", () => {
  it("TRUST_INTERMEDIATE_AS_ROOT fires when the trusted profile holds the issuing CA", () => {
    const t = correctTenant();
    const issuing = t.lab!.cas.find((c) => c.parentCaId)!;
    const broken = withIntune(t, (i) => (profile(i, ROOT_PROFILE_ID).certificate = factsOfCaCertificate(issuing.certificate)));
    expect(messages(broken, TRUST_INTERMEDIATE_AS_ROOT)[0]).toContain("holds the intermediate 'Contoso Issuing CA'; the root of the chain behind NDES (Contoso Issuing CA → Contoso Root CA) is 'Contoso Root CA'");
    expect(messages(t, TRUST_INTERMEDIATE_AS_ROOT)).toEqual([]);
  });
  it("TRUST_ISSUING_CA_NOT_DEPLOYED fires for Android with only the root deployed, quiet once the issuing CA is", () => {
    const t = correctTenant();
    const android = withIntune(scepWith({}, "androidDeviceOwner", t), (i) => {
      profile(i, ROOT_PROFILE_ID).odataType = "microsoft.graph.androidDeviceOwnerTrustedRootCertificate";
    });
    expect(messages(android, TRUST_ISSUING_CA_NOT_DEPLOYED)[0]).toContain("is issued by 'Contoso Issuing CA'");
    const issuing = t.lab!.cas.find((c) => c.parentCaId)!;
    const both = withIntune(android, (i) => i.profiles.push(trustedProfile("androidDeviceOwner", { id: "issuing", certificate: factsOfCaCertificate(issuing.certificate) })));
    expect(messages(both, TRUST_ISSUING_CA_NOT_DEPLOYED)).toEqual([]);
  });
});
