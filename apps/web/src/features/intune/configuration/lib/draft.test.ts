import { describe, expect, it } from "vitest";
import { ALL_DEVICES_ID } from "@certlab/domain/intune/assignments";
import {
  certificateFileToBase64,
  createBody,
  draftFromProfile,
  fromTargets,
  newDraft,
  rootCandidates,
  toTargets,
} from "@/features/intune/configuration/lib/draft";

const profiles = [
  { "@odata.type": "#microsoft.graph.iosTrustedRootCertificate", id: "ios-root", displayName: "Root iOS" },
  { "@odata.type": "#microsoft.graph.windows81TrustedRootCertificate", id: "win-root", displayName: "Root Windows" },
  { "@odata.type": "#microsoft.graph.macOSTrustedRootCertificate", id: "mac-root", displayName: "Root macOS" },
  { "@odata.type": "#microsoft.graph.iosScepCertificateProfile", id: "ios-scep", displayName: "SCEP iOS" },
];

describe("the SCEP wizard's draft", () => {
  it("offers only trusted certificate profiles of the same platform as Root Certificate", () => {
    expect(rootCandidates("microsoft.graph.iosScepCertificateProfile", profiles).map((p) => p.id)).toEqual(["ios-root"]);
    expect(rootCandidates("microsoft.graph.windows81SCEPCertificateProfile", profiles).map((p) => p.id)).toEqual(["win-root"]);
    expect(rootCandidates("microsoft.graph.iosTrustedRootCertificate", profiles)).toEqual([]);
  });

  it("posts an iOS SCEP profile polymorphically, with the root bind and without a hash algorithm", () => {
    const draft = { ...newDraft("microsoft.graph.iosScepCertificateProfile"), displayName: " SCEP iOS ", rootCertificateId: "0e2f87bd-de2c-47c2-a69b-c8cbe9823042" };
    const body = createBody(draft);
    expect(body["@odata.type"]).toBe("#microsoft.graph.iosScepCertificateProfile");
    expect(body.displayName).toBe("SCEP iOS");
    expect(body["rootCertificate@odata.bind"]).toBe(
      "https://graph.microsoft.com/beta/deviceManagement/deviceConfigurations('0e2f87bd-de2c-47c2-a69b-c8cbe9823042')",
    );
    expect(body).not.toHaveProperty("hashAlgorithm");
    expect(body).not.toHaveProperty("keyStorageProvider");
    expect(body.keyUsage).toBe("keyEncipherment,digitalSignature");
  });

  it("sends the Windows-only settings and the applicability rule for Windows", () => {
    const draft = newDraft("microsoft.graph.windows81SCEPCertificateProfile");
    draft.applicability = { ...draft.applicability, enabled: true, minVersion: "10.0.16299.0", maxVersion: "10.0.26100.0" };
    const body = createBody(draft);
    expect(body.hashAlgorithm).toBe("sha2");
    expect(body.keyStorageProvider).toBe("useTpmKspOtherwiseUseSoftwareKsp");
    expect(body.deviceManagementApplicabilityRuleOsVersion).toMatchObject({ minOSVersion: "10.0.16299.0", ruleType: "include" });
  });

  it("turns the Assignments page into assign targets and back", () => {
    const targets = toTargets({ allUsers: false, allDevices: true, included: [{ id: "g1", displayName: "Sales" }], excluded: [{ id: "g2", displayName: "Kiosks" }] });
    expect(targets.map((t) => t["@odata.type"])).toEqual([
      "#microsoft.graph.allDevicesAssignmentTarget",
      "#microsoft.graph.groupAssignmentTarget",
      "#microsoft.graph.exclusionGroupAssignmentTarget",
    ]);
    const back = fromTargets(targets, { g1: "Sales", g2: "Kiosks" });
    expect(back).toEqual({ allUsers: false, allDevices: true, included: [{ id: "g1", displayName: "Sales" }], excluded: [{ id: "g2", displayName: "Kiosks" }] });
    expect(ALL_DEVICES_ID).toMatch(/^adadadad/);
  });

  it("reads a GET answer back into an editable draft, root included", () => {
    const d = draftFromProfile({
      "@odata.type": "#microsoft.graph.iosScepCertificateProfile",
      displayName: "SCEP iOS",
      description: null,
      keyUsage: "digitalSignature",
      scepServerUrls: ["https://ndes.contoso.com/certsrv/mscep/mscep.dll"],
      rootCertificate: { id: "ios-root" },
    });
    expect(d.rootCertificateId).toBe("ios-root");
    expect(d.settings.keyUsage).toBe("digitalSignature");
    expect(d.description).toBe("");
  });
});

describe("reading a .cer file", () => {
  const der = new Uint8Array([0x30, 0x82, 0x01, 0x0a, 0x02, 0x01, 0x01]);
  const b64 = btoa(String.fromCharCode(...der));

  it("sends a DER file as its base64", () => {
    expect(certificateFileToBase64(der)).toBe(b64);
  });

  it("unwraps a PEM certificate to the base64 of its DER", () => {
    const pem = `-----BEGIN CERTIFICATE-----\r\n${b64}\r\n-----END CERTIFICATE-----\r\n`;
    expect(certificateFileToBase64(new TextEncoder().encode(pem))).toBe(b64);
  });

  it("hands a PEM private key to the API (which refuses it) rather than the certificate beside it", () => {
    const pem = `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n`;
    expect(certificateFileToBase64(new TextEncoder().encode(pem))).toBe("AAAA");
  });
});
