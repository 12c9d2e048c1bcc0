// Subject name and SAN variables (catalogue A.6, S5).
import { describe, expect, it } from "vitest";
import { evaluate } from "../../engine";
import type { Rule } from "../../types";
import { allDevicesTarget, correctIntune, profile, scepProfile, SCEP_PROFILE_ID, withIntune } from "../../../intune/testing";
import type { TPlatform } from "../../../intune/profile-types";
import {
  PROF_SAN_ILLEGAL_CHARS,
  PROF_SUBJECT_DN_COMMA_UNQUOTED,
  PROF_SUBJECT_ESCAPED_SPECIAL,
  PROF_SUBJECT_GT_64,
  PROF_SUBJECT_VARIABLE_BRACES,
} from "./subject";
import {
  PROF_AE_COBO_USERNAME_SAN,
  PROF_AE_DEVICE_NO_SAN,
  PROF_ANDROID12_BYOD_HW_IDS,
  PROF_AOSP_UNSUPPORTED_VARS,
  PROF_DEVICEID_WINDOWS_SUBJECT,
  PROF_DEVICE_CERT_USER_VARS,
  PROF_UNSUPPORTED_DEVICE_VARIABLE,
  PROF_USER_VARS_ON_USERLESS,
} from "./variables";

function scepWith(settings: Record<string, unknown>, platform: TPlatform = "iOS") {
  return withIntune(correctIntune(), (i) => {
    const p = profile(i, SCEP_PROFILE_ID);
    Object.assign(p, scepProfile(platform, { displayName: p.displayName, settings }));
  });
}
const messages = (t: ReturnType<typeof correctIntune>, rule: Rule) => evaluate(t, [rule]).map((f) => f.message);
const quiet = (rule: Rule) => expect(evaluate(correctIntune(), [rule])).toEqual([]);
const san = (sanType: string, name: string) => ({ customSubjectAlternativeNames: [{ sanType, name }] });

describe("subject name syntax", () => {
  it("PROF_SUBJECT_VARIABLE_BRACES fires for CN={UserName} and for an unclosed {{EmailAddress", () => {
    expect(messages(scepWith({ subjectNameFormatString: "CN={UserName}" }), PROF_SUBJECT_VARIABLE_BRACES)[0]).toContain(
      "'{UserName}' uses a single curly bracket; enclose the variable name in double curly brackets",
    );
    expect(messages(scepWith({ subjectNameFormatString: "CN={{UserName}},E={{EmailAddress" }), PROF_SUBJECT_VARIABLE_BRACES)[0]).toContain(
      "'{{EmailAddress' is not closed with }}",
    );
  });
  it("PROF_SUBJECT_VARIABLE_BRACES fires for CN=UserPrincipalName written without brackets", () => {
    expect(messages(scepWith({ subjectNameFormatString: "CN=UserPrincipalName" }), PROF_SUBJECT_VARIABLE_BRACES)[0]).toContain(
      "is the variable {{UserPrincipalName}} written without double curly brackets",
    );
  });
  it("PROF_SUBJECT_VARIABLE_BRACES is quiet for CN={{UserName}},E={{EmailAddress}} and OU=Department", () => {
    quiet(PROF_SUBJECT_VARIABLE_BRACES);
    expect(messages(scepWith({ subjectNameFormatString: "CN={{UserName}},OU=Department,O=Contoso" }), PROF_SUBJECT_VARIABLE_BRACES)).toEqual([]);
  });
  it("PROF_SAN_ILLEGAL_CHARS fires for a pipe after a variable, quiet for a DNS suffix", () => {
    expect(messages(scepWith(san("domainNameService", "{{DeviceName}}|contoso.com")), PROF_SAN_ILLEGAL_CHARS)[0]).toContain("has '|' after a variable");
    expect(messages(scepWith(san("domainNameService", "{{DeviceName}}.contoso.com")), PROF_SAN_ILLEGAL_CHARS)).toEqual([]);
  });
  it("PROF_SUBJECT_ESCAPED_SPECIAL fires for O=Contoso\\, Ltd and is quiet for a quoted value", () => {
    expect(messages(scepWith({ subjectNameFormatString: "CN={{UserName}},O=Contoso\\, Ltd" }), PROF_SUBJECT_ESCAPED_SPECIAL)[0]).toContain("escapes '\\,'");
    expect(messages(scepWith({ subjectNameFormatString: 'CN={{UserName}},O="Contoso, Ltd"' }), PROF_SUBJECT_ESCAPED_SPECIAL)).toEqual([]);
  });
  it("PROF_SUBJECT_DN_COMMA_UNQUOTED fires for CN={{OnPrem_Distinguished_Name}}, quiet when quoted", () => {
    expect(messages(scepWith({ subjectNameFormatString: "CN={{OnPrem_Distinguished_Name}}" }), PROF_SUBJECT_DN_COMMA_UNQUOTED)).toHaveLength(1);
    expect(messages(scepWith({ subjectNameFormatString: 'CN="{{OnPrem_Distinguished_Name}}"' }), PROF_SUBJECT_DN_COMMA_UNQUOTED)).toEqual([]);
  });
  it("PROF_SUBJECT_GT_64 fires when the subject resolved for Adele is longer than 64 characters", () => {
    const t = scepWith({ subjectNameFormatString: "CN={{UserPrincipalName}},OU=Mobile Devices,O=Contoso Pharmaceuticals,L=Redmond" });
    expect(messages(t, PROF_SUBJECT_GT_64)[0]).toMatch(/\(for adele@contoso\.onmicrosoft\.com\) is \d+ characters\.$/);
  });
  it("PROF_SUBJECT_GT_64 is quiet for CN={{UserName}},E={{EmailAddress}}", () => quiet(PROF_SUBJECT_GT_64));
});

describe("variables per platform and certificate type", () => {
  it("PROF_USER_VARS_ON_USERLESS fires for {{UserPrincipalName}} on AOSP devices assigned to All devices", () => {
    const t = withIntune(scepWith({}, "aosp"), (i) => {
      i.assignments = i.assignments.map((a) => (a.profileId === SCEP_PROFILE_ID ? { ...a, target: allDevicesTarget() } : a));
    });
    expect(messages(t, PROF_USER_VARS_ON_USERLESS)[0]).toContain("is assigned to devices only and uses user variables {{UserName}}, {{EmailAddress}}, {{UserPrincipalName}}");
  });
  it("PROF_USER_VARS_ON_USERLESS is quiet for AOSP assigned to users", () => expect(messages(scepWith({}, "aosp"), PROF_USER_VARS_ON_USERLESS)).toEqual([]));
  it("PROF_DEVICE_CERT_USER_VARS fires for a Device certificate with CN={{UserName}}, quiet with {{AAD_Device_ID}}", () => {
    expect(messages(scepWith({ certificateStore: "machine" }, "windows"), PROF_DEVICE_CERT_USER_VARS)[0]).toContain("issues Device certificates but uses user variables");
    const device = { certificateStore: "machine", subjectNameFormatString: "CN={{AAD_Device_ID}}", customSubjectAlternativeNames: [{ sanType: "domainNameService", name: "{{DeviceName}}.contoso.com" }] };
    expect(messages(scepWith(device, "windows"), PROF_DEVICE_CERT_USER_VARS)).toEqual([]);
  });
  it("PROF_UNSUPPORTED_DEVICE_VARIABLE fires for {{FullyQualifiedDomainName}} on macOS, quiet on Windows", () => {
    const s = { subjectNameFormatString: "CN={{FullyQualifiedDomainName}}" };
    expect(messages(scepWith(s, "macOS"), PROF_UNSUPPORTED_DEVICE_VARIABLE)[0]).toContain("uses {{FullyQualifiedDomainName}}, which macOS devices don't have");
    expect(messages(scepWith(s, "windows"), PROF_UNSUPPORTED_DEVICE_VARIABLE)).toEqual([]);
  });
  it("PROF_ANDROID12_BYOD_HW_IDS fires for {{SerialNumber}} in a personally-owned work profile, quiet on fully managed", () => {
    const s = { subjectNameFormatString: "CN={{SerialNumber}}" };
    expect(messages(scepWith(s, "androidWorkProfile"), PROF_ANDROID12_BYOD_HW_IDS)).toHaveLength(1);
    expect(messages(scepWith(s, "androidDeviceOwner"), PROF_ANDROID12_BYOD_HW_IDS)).toEqual([]);
  });
  it("PROF_AE_COBO_USERNAME_SAN fires for a {{UserName}} SAN on fully managed devices, quiet for UPN", () => {
    expect(messages(scepWith(san("userPrincipalName", "{{UserName}}@contoso.com"), "androidDeviceOwner"), PROF_AE_COBO_USERNAME_SAN)).toHaveLength(1);
    expect(messages(scepWith({}, "androidDeviceOwner"), PROF_AE_COBO_USERNAME_SAN)).toEqual([]);
  });
  it("PROF_AOSP_UNSUPPORTED_VARS fires for {{OnPremisesSamAccountName}} on AOSP, quiet on Android Enterprise", () => {
    const s = { subjectNameFormatString: "CN={{OnPremisesSamAccountName}}" };
    expect(messages(scepWith(s, "aosp"), PROF_AOSP_UNSUPPORTED_VARS)[0]).toContain("uses {{OnPremisesSamAccountName}}");
    expect(messages(scepWith(s, "androidDeviceOwner"), PROF_AOSP_UNSUPPORTED_VARS)).toEqual([]);
  });
  it("PROF_DEVICEID_WINDOWS_SUBJECT fires for CN={{DeviceId}} on Windows, quiet for CN={{AAD_Device_ID}}", () => {
    expect(messages(scepWith({ subjectNameFormatString: "CN={{DeviceId}}" }, "windows"), PROF_DEVICEID_WINDOWS_SUBJECT)).toHaveLength(1);
    expect(messages(scepWith({ subjectNameFormatString: "CN={{AAD_Device_ID}}" }, "windows"), PROF_DEVICEID_WINDOWS_SUBJECT)).toEqual([]);
  });
  it("PROF_AE_DEVICE_NO_SAN fires for an Android Enterprise Device certificate without SAN, quiet with a DNS SAN", () => {
    const device = { certificateStore: "machine", subjectNameFormatString: "CN={{AAD_Device_ID}}", customSubjectAlternativeNames: [] };
    expect(messages(scepWith(device, "androidDeviceOwner"), PROF_AE_DEVICE_NO_SAN)).toHaveLength(1);
    expect(messages(scepWith({ ...device, ...san("domainNameService", "{{DeviceName}}.oceanleaf.tech") }, "androidDeviceOwner"), PROF_AE_DEVICE_NO_SAN)).toEqual([]);
  });
});
