// What the CA behind NDES refuses: a subject longer than 64 characters while DN length enforcement is on, and a
// key shorter than the SCEP template's minimum key size (seed 001: "the minimum key size should be 2048").
import { describe, expect, it } from "vitest";
import { evaluate } from "../../engine";
import type { Rule } from "../../types";
import type { TenantSnapshot } from "../../snapshot";
import { correctIntune, correctTenant, profile, scepProfile, SCEP_PROFILE_ID, withIntune } from "../../../intune/testing";
import { PROF_KEYSIZE_BELOW_TEMPLATE_MIN } from "./templates";
import { CA_DN_LENGTH_ENFORCED, TPL_MIN_KEY_SIZE_GT_PROFILE } from "./ca-limits";

const messages = (t: TenantSnapshot, rule: Rule) => evaluate(t, [rule]).map((f) => f.message);
const subject = (format: string, t = correctTenant()) =>
  withIntune(t, (i) => (profile(i, SCEP_PROFILE_ID).settings.subjectNameFormatString = format));
const labEdit = (t: TenantSnapshot, edit: (lab: NonNullable<TenantSnapshot["lab"]>) => void): TenantSnapshot => {
  const lab = structuredClone(t.lab!);
  edit(lab);
  return { ...t, lab };
};
const LONG = "CN={{UserPrincipalName}},OU=Intune Managed Devices,O=Contoso Ltd,L=Seattle,C=US";

describe("CA_DN_LENGTH_ENFORCED: the resolved subject against the CA's DN length enforcement", () => {
  it("fires when Adele's subject resolves to more than 64 characters and Contoso Issuing CA enforces DN length", () => {
    const t = subject(LONG);
    expect(evaluate(t, [CA_DN_LENGTH_ENFORCED])).toMatchObject([
      { severity: "error", objects: [{ type: "scepCertificateProfile" }, { type: "certificationAuthority", displayName: "Contoso Issuing CA" }] },
    ]);
    expect(messages(t, CA_DN_LENGTH_ENFORCED)).toEqual([
      "SCEP profile 'SCEP - iOS' (iOS/iPadOS SCEP certificate) resolves to " +
        "'CN=adele@contoso.onmicrosoft.com,OU=Intune Managed Devices,O=Contoso Ltd,L=Seattle,C=US' for adele@contoso.onmicrosoft.com: " +
        "87 characters, more than 64, and 'Contoso Issuing CA' enforces DN length.",
    ]);
  });
  it("measures variables the directory doesn't know with typical values, and says so", () => {
    const t = subject("CN={{UserPrincipalName}},SERIALNUMBER={{SerialNumber}},OU=Intune Devices");
    expect(messages(t, CA_DN_LENGTH_ENFORCED)[0]).toContain("for adele@contoso.onmicrosoft.com (typical values for {{SerialNumber}}): 76 characters");
  });
  it("is quiet once DN length enforcement is disabled on the CA", () => {
    const t = labEdit(subject(LONG), (lab) => lab.cas.forEach((ca) => (ca.dnLengthEnforced = false)));
    expect(messages(t, CA_DN_LENGTH_ENFORCED)).toEqual([]);
  });
  it("is quiet for the seeds' CN={{UserName}},E={{EmailAddress}}, and without a lab", () => {
    expect(messages(correctTenant(), CA_DN_LENGTH_ENFORCED)).toEqual([]);
    expect(messages(subject(LONG, correctIntune()), CA_DN_LENGTH_ENFORCED)).toEqual([]);
  });
});

describe("TPL_MIN_KEY_SIZE_GT_PROFILE: the template's Cryptography › Minimum key size against the profiles' key size", () => {
  const min4096 = (t: TenantSnapshot) => labEdit(t, (lab) => (lab.templates.find((x) => x.name === "IntuneSCEP")!.minimumKeySize = 4096));
  it("names the template once, with every profile below its minimum (PROF_KEYSIZE_BELOW_TEMPLATE_MIN names each profile)", () => {
    const t = withIntune(min4096(correctTenant()), (i) => i.profiles.push(scepProfile("windows", { id: "win", displayName: "SCEP - Windows" })));
    const found = evaluate(t, [TPL_MIN_KEY_SIZE_GT_PROFILE]);
    expect(found).toMatchObject([{ severity: "error", objects: [{ type: "certificateTemplate", displayName: "Intune SCEP" }, { type: "scepCertificateProfile" }, { type: "scepCertificateProfile" }] }]);
    expect(found[0]!.message).toBe(
      "Template 'IntuneSCEP' (Intune SCEP) requires a minimum key size of 4096; SCEP profile 'SCEP - iOS' (iOS/iPadOS SCEP certificate) asks for 2048, " +
        "SCEP profile 'SCEP - Windows' (Windows 10 and later SCEP certificate) asks for 2048.",
    );
    expect(messages(t, PROF_KEYSIZE_BELOW_TEMPLATE_MIN)).toHaveLength(2);
  });
  it("is quiet with the seed's minimum of 2048, when the profile asks for 4096, and without a lab", () => {
    expect(messages(correctTenant(), TPL_MIN_KEY_SIZE_GT_PROFILE)).toEqual([]);
    const t = withIntune(min4096(correctTenant()), (i) => (profile(i, SCEP_PROFILE_ID).settings.keySize = "size4096"));
    expect(messages(t, TPL_MIN_KEY_SIZE_GT_PROFILE)).toEqual([]);
    expect(messages(correctIntune(), TPL_MIN_KEY_SIZE_GT_PROFILE)).toEqual([]);
  });
});
