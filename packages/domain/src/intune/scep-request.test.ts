import { describe, expect, it } from "vitest";
import { scepRequestFor } from "./scep-request";
import { mscepValueFor, ndesTemplateFor } from "../lab/ca-policy";

describe("scepRequestFor: what a device asks for with a SCEP profile", () => {
  it("resolves the subject and SANs for the user and device; key usage, EKU and key size from the profile", () => {
    const spec = scepRequestFor(
      {
        subjectNameFormat: "custom",
        subjectNameFormatString: "CN={{DeviceName}},E={{EmailAddress}}",
        customSubjectAlternativeNames: [{ sanType: "userPrincipalName", name: "{{UserPrincipalName}}" }, { sanType: "domainNameService", name: "{{DeviceName}}.contoso.com" }],
        keyUsage: "keyEncipherment,digitalSignature",
        keySize: "size4096",
        extendedKeyUsages: [{ name: "Client Authentication", objectIdentifier: "1.3.6.1.5.5.7.3.2" }],
      },
      { user: { userPrincipalName: "adele@contoso.com", emailAddress: "adele@contoso.com" }, device: { deviceName: "iphone-01" } },
    );
    expect(spec).toEqual({
      subject: "CN=iphone-01,E=adele@contoso.com",
      subjectAlternativeNames: [{ type: "upn", value: "adele@contoso.com" }, { type: "dns", value: "iphone-01.contoso.com" }],
      keyUsage: ["digitalSignature", "keyEncipherment"],
      extendedKeyUsage: ["1.3.6.1.5.5.7.3.2"],
      keySize: 4096,
      unresolved: [],
    });
  });

  it("maps the predefined subject name formats and reports variables nobody has a value for", () => {
    const spec = scepRequestFor({ subjectNameFormat: "commonNameIncludingEmail", keyUsage: "digitalSignature" }, { device: { deviceName: "d" } });
    expect(spec.subject).toBe("CN={{UserName}},E={{EmailAddress}}");
    expect(spec.unresolved).toEqual(["UserName", "EmailAddress"]);
    expect(spec.keyUsage).toEqual(["digitalSignature"]);
    expect(spec.keySize).toBe(2048);
  });
});

describe("NDES picks the template by key usage (S1)", () => {
  it("signature → SignatureTemplate, encryption → EncryptionTemplate, both or none → GeneralPurposeTemplate", () => {
    expect(mscepValueFor(["digitalSignature"])).toBe("SignatureTemplate");
    expect(mscepValueFor(["keyEncipherment"])).toBe("EncryptionTemplate");
    expect(mscepValueFor(["digitalSignature", "keyEncipherment"])).toBe("GeneralPurposeTemplate");
    expect(mscepValueFor(undefined)).toBe("GeneralPurposeTemplate");
  });
  it("finds the template by name, not by display name", () => {
    const t = { name: "IntuneSCEP", displayName: "Intune SCEP" } as never;
    expect(ndesTemplateFor({ present: true, GeneralPurposeTemplate: "IntuneSCEP" }, [t], undefined).template).toBe(t);
    expect(ndesTemplateFor({ present: true, GeneralPurposeTemplate: "Intune SCEP" }, [t], undefined).template).toBeUndefined();
  });
});
