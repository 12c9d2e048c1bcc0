import { describe, expect, it } from "vitest";
import { formatFlags, KEY_USAGES, parseFlags, SUBJECT_ALTERNATIVE_NAME_TYPES } from "./enums";
import {
  deviceConfigurationRef,
  newProfileSettings,
  parseDeviceConfigurationRef,
  profilePatchSchema,
  PROFILE_TYPES,
  storedFromCreate,
  toGraphProfile,
  TRUSTED_ROOT_TYPE_FOR_SCEP,
  TYPE_PROPERTIES,
  ZDeviceConfigurationCreate,
} from "./profiles";

const rootId = "afeb20c3-48a0-4bbd-8191-c9c9f2fd62d2";
/** graph-reference.md §4.5: Windows 10 SCEP via NDES published through App Proxy. */
const windowsScep = {
  "@odata.type": "#microsoft.graph.windows81SCEPCertificateProfile",
  displayName: "SCEP - Windows - Device Auth",
  description: "Device certificate from NDES (via Entra application proxy)",
  roleScopeTagIds: ["0"],
  renewalThresholdPercentage: 20,
  certificateStore: "machine",
  certificateValidityPeriodScale: "years",
  certificateValidityPeriodValue: 1,
  keyStorageProvider: "useTpmKspOtherwiseUseSoftwareKsp",
  subjectNameFormat: "custom",
  subjectNameFormatString: "CN={{AAD_Device_ID}}",
  subjectAlternativeNameType: null,
  customSubjectAlternativeNames: [{ sanType: "domainNameService", name: "{{DeviceName}}.contoso.com" }],
  keyUsage: "digitalSignature,keyEncipherment",
  keySize: "size2048",
  hashAlgorithm: "sha2",
  extendedKeyUsages: [{ name: "Client Authentication", objectIdentifier: "1.3.6.1.5.5.7.3.2" }],
  scepServerUrls: ["https://ndes-contoso.msappproxy.net/certsrv/mscep/mscep.dll"],
  "rootCertificate@odata.bind": `https://graph.microsoft.com/beta/deviceManagement/deviceConfigurations('${rootId}')`,
};
const issues = (body: unknown) => ZDeviceConfigurationCreate.safeParse(body).error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`) ?? [];

describe("flags enums on the wire", () => {
  it("answer comma-joined names in bit order, low bit first", () => {
    expect(formatFlags(KEY_USAGES, ["digitalSignature", "keyEncipherment"])).toBe("keyEncipherment,digitalSignature");
    expect(parseFlags(KEY_USAGES, "digitalSignature, keyEncipherment, nope")).toEqual({ members: ["keyEncipherment", "digitalSignature"], invalid: ["nope"] });
    expect(formatFlags(SUBJECT_ALTERNATIVE_NAME_TYPES, [])).toBe("none");
  });
});

describe("creating profiles through Graph", () => {
  it("accepts the documented Windows 10 SCEP body and stores keyUsage in bit order with its root link", () => {
    const parsed = ZDeviceConfigurationCreate.parse(windowsScep);
    const stored = storedFromCreate(parsed, { id: "5e1f0000-0000-4000-8000-000000000001", now: "2026-03-12T08:19:05Z" });
    expect(stored).toMatchObject({ odataType: "microsoft.graph.windows81SCEPCertificateProfile", rootCertificateId: rootId, version: 1 });
    expect(stored.settings.keyUsage).toBe("keyEncipherment,digitalSignature");
  });
  it("accepts @odata.type without the '#'", () => {
    expect(issues({ ...windowsScep, "@odata.type": "microsoft.graph.windows81SCEPCertificateProfile" })).toEqual([]);
  });
  it("refuses the abstract type, hashAlgorithm on iOS, keyStorageProvider off Windows, and names them", () => {
    expect(issues({ displayName: "x" })[0]).toMatch(/^@odata\.type: @odata\.type must be one of #microsoft\.graph\.iosTrustedRootCertificate/);
    const ios = { ...windowsScep, "@odata.type": "#microsoft.graph.iosScepCertificateProfile", subjectNameFormat: "custom" };
    expect(issues(ios)).toEqual([': Unrecognized keys: "keyStorageProvider", "hashAlgorithm"']);
  });
  it("refuses what the portal refuses at save time, naming each field", () => {
    const bad = {
      ...windowsScep,
      renewalThresholdPercentage: 100,
      certificateValidityPeriodValue: 3,
      keyUsage: "digitalSignature,nonRepudiation",
      scepServerUrls: ["ndes.contoso.com/certsrv/mscep/mscep.dll"],
      extendedKeyUsages: [{ name: "Client Authentication", objectIdentifier: "client-auth" }],
    };
    expect(issues(bad)).toEqual([
      "renewalThresholdPercentage: Valid values 1 to 99",
      "extendedKeyUsages.0.objectIdentifier: must be an object identifier such as 1.3.6.1.5.5.7.3.2",
      "scepServerUrls.0: must be an http or https URL, e.g. https://ndes-contoso.msappproxy.net/certsrv/mscep/mscep.dll",
      "keyUsage: 'nonRepudiation' is not a member of keyUsages (keyEncipherment, digitalSignature)",
    ]);
    expect(issues({ ...windowsScep, certificateValidityPeriodValue: 3 })).toEqual([
      "certificateValidityPeriodValue: Intune supports a validity period of up to 24 months; 3 years is longer (PROF_VALIDITY_GT_24M).",
    ]);
    expect(issues({ ...windowsScep, scepServerUrls: [] })).toEqual(["scepServerUrls: add at least one SCEP server URL"]);
    expect(issues({ ...windowsScep, extendedKeyUsages: Array.from({ length: 501 }, () => windowsScep.extendedKeyUsages[0]) })).toEqual(["extendedKeyUsages: at most 500 extended key usages"]);
  });
  it("accepts a trusted certificate with the Windows destination store", () => {
    expect(issues({ "@odata.type": "#microsoft.graph.windows81TrustedRootCertificate", displayName: "Contoso Root CA - Windows", certFileName: "ContosoRootCA.cer", trustedRootCertificate: "MIIDdzCCAl+gAwIBAgIQK", destinationStore: "computerCertStoreRoot" })).toEqual([]);
  });
});

describe("PATCH and GET", () => {
  const stored = storedFromCreate(ZDeviceConfigurationCreate.parse(windowsScep), { id: "5e1f0000-0000-4000-8000-000000000001", now: "2026-03-12T08:19:05Z" });
  it("PATCH is strict, lets @odata.type be repeated but not changed, and checks validity against the stored scale", () => {
    const schema = profilePatchSchema("microsoft.graph.windows81SCEPCertificateProfile", stored.settings);
    expect(schema.safeParse({ "@odata.type": "#microsoft.graph.windows81SCEPCertificateProfile", renewalThresholdPercentage: 25 }).success).toBe(true);
    const msgs = (b: unknown) => schema.safeParse(b).error?.issues.map((i) => i.message);
    expect(msgs({ "@odata.type": "#microsoft.graph.iosScepCertificateProfile" })).toEqual(["@odata.type can't be changed: this profile is #microsoft.graph.windows81SCEPCertificateProfile"]);
    expect(msgs({ deploymentChannel: "userChannel" })).toEqual(['Unrecognized key: "deploymentChannel"']);
    expect(msgs({ certificateValidityPeriodValue: 25 })?.[0]).toContain("25 years is longer");
  });
  it("GET returns every property of the type, unset ones null/false/[], @odata.type with '#', no rootCertificate", () => {
    const g = toGraphProfile(stored);
    expect(g["@odata.type"]).toBe("#microsoft.graph.windows81SCEPCertificateProfile");
    for (const k of Object.keys(TYPE_PROPERTIES["microsoft.graph.windows81SCEPCertificateProfile"])) expect(g).toHaveProperty(k);
    expect(g).not.toHaveProperty("rootCertificate");
    expect(g).toMatchObject({ supportsScopeTags: true, deviceManagementApplicabilityRuleOsEdition: null, subjectAlternativeNameType: null, subjectAlternativeNameFormatString: null, version: 1 });
    expect(g).not.toHaveProperty("deploymentChannel");
  });
  it("has exactly the property matrix of §4.2", () => {
    expect(Object.keys(TYPE_PROPERTIES["microsoft.graph.iosScepCertificateProfile"])).not.toContain("hashAlgorithm");
    expect(Object.keys(TYPE_PROPERTIES["microsoft.graph.macOSScepCertificateProfile"])).toEqual(expect.arrayContaining(["hashAlgorithm", "deploymentChannel", "allowAllAppsAccess"]));
    expect(Object.keys(TYPE_PROPERTIES["microsoft.graph.androidDeviceOwnerScepCertificateProfile"])).toEqual(expect.arrayContaining(["certificateAccessType", "silentCertificateAccessDetails"]));
    const withKsp = Object.entries(TYPE_PROPERTIES).filter(([, p]) => "keyStorageProvider" in p).map(([t]) => t);
    expect(withKsp).toEqual(["microsoft.graph.windows81SCEPCertificateProfile"]);
  });
});

describe("the Create a profile pane and the bind", () => {
  it("offers Trusted certificate and SCEP certificate for the six platforms, Windows trusted listed as 8.1", () => {
    expect(PROFILE_TYPES).toHaveLength(12);
    expect(PROFILE_TYPES.find((t) => t.odataType === "microsoft.graph.windows81TrustedRootCertificate")).toMatchObject({ platformDisplayName: "Windows 10 and later", listedPlatformDisplayName: "Windows 8.1 and later", profileTypeName: "Trusted certificate" });
    expect(TRUSTED_ROOT_TYPE_FOR_SCEP["microsoft.graph.aospDeviceOwnerScepCertificateProfile"]).toBe("microsoft.graph.aospDeviceOwnerTrustedRootCertificate");
  });
  it("presets a new SCEP profile as the portal does", () => {
    expect(newProfileSettings("microsoft.graph.windows81SCEPCertificateProfile")).toMatchObject({ renewalThresholdPercentage: 20, certificateValidityPeriodValue: 1, certificateValidityPeriodScale: "years", keySize: "size2048", hashAlgorithm: "sha2" });
    expect(newProfileSettings("microsoft.graph.iosScepCertificateProfile")).not.toHaveProperty("hashAlgorithm");
  });
  it("reads both bind forms", () => {
    expect(parseDeviceConfigurationRef(deviceConfigurationRef(rootId))).toBe(rootId);
    expect(parseDeviceConfigurationRef(`https://graph.microsoft.com/beta/deviceManagement/deviceConfigurations/${rootId}`)).toBe(rootId);
    expect(parseDeviceConfigurationRef("https://graph.microsoft.com/beta/users('x')")).toBeUndefined();
  });
});
