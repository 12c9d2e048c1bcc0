import { describe, expect, it } from "vitest";
import { aBrokenLab, aCorrectLab, check, parts } from "../testing";
import { NDES_HASH_SHA1, NDES_MSCEP_KEY_MISSING, NDES_TEMPLATE_REGISTRY_DEFAULT, NDES_TEMPLATE_REGISTRY_DISPLAY_NAME, NDES_TEMPLATE_REGISTRY_PURPOSE_MISMATCH } from "./mscep-registry";

describe("the MSCEP registry (seed 002's Purpose table)", () => {
  it("a freshly configured NDES still has IPSECIntermediateOffline in SignatureTemplate, so NDES_TEMPLATE_REGISTRY_DEFAULT fires", () => {
    const [f] = check(aBrokenLab("NDES_TEMPLATE_REGISTRY_DEFAULT"), NDES_TEMPLATE_REGISTRY_DEFAULT);
    expect(f?.message).toBe("SignatureTemplate, EncryptionTemplate and GeneralPurposeTemplate on ndes01.corp.contoso.com all still hold 'IPSECIntermediateOffline'.");
    expect(f?.symptom).toContain("Default values have _not_ been changed.");
  });

  it("the display name 'Intune SCEP' in the registry is named as such, with the template name to use", () => {
    const findings = check(aBrokenLab("NDES_TEMPLATE_REGISTRY_DISPLAY_NAME"), NDES_TEMPLATE_REGISTRY_DISPLAY_NAME);
    expect(findings.map((f) => f.message)).toContain("SignatureTemplate holds 'Intune SCEP' — that is the template's display name; the template name is 'IntuneSCEP'.");
    expect(findings).toHaveLength(3);
  });

  it("a Signature and encryption template must be in GeneralPurposeTemplate", () => {
    const [f] = check(aBrokenLab("NDES_TEMPLATE_REGISTRY_PURPOSE_MISMATCH"), NDES_TEMPLATE_REGISTRY_PURPOSE_MISMATCH);
    expect(f?.message).toBe(`Template 'IntuneSCEP' has Purpose "Signature and encryption", so NDES reads it from GeneralPurposeTemplate, which holds 'IPSECIntermediateOffline'.`);
  });

  it("a Signature template only in SignatureTemplate is fine (the other values may keep the default)", () => {
    const lab = aCorrectLab();
    parts(lab).scep.purpose = "signature";
    Object.assign(parts(lab).ndes.mscepRegistry, { SignatureTemplate: parts(lab).scep.name, GeneralPurposeTemplate: "IPSECIntermediateOffline" });
    expect(check(lab, NDES_TEMPLATE_REGISTRY_PURPOSE_MISMATCH, NDES_TEMPLATE_REGISTRY_DEFAULT)).toEqual([]);
  });

  it("NDES installed but not configured has no MSCEP key", () => {
    const lab = aCorrectLab();
    parts(lab).ndes.configured = false;
    expect(check(lab, NDES_MSCEP_KEY_MISSING)[0]?.message).toContain("the AD CS Configuration wizard has not been completed");
  });

  it("is quiet on the correct lab, where HashAlgorithm is SHA256", () => {
    expect(check(aCorrectLab(), NDES_TEMPLATE_REGISTRY_DEFAULT, NDES_TEMPLATE_REGISTRY_DISPLAY_NAME, NDES_HASH_SHA1)).toEqual([]);
  });
});
