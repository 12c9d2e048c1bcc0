// Catalogue A.6: which subject/SAN variables a SCEP profile may use on its platform and certificate type (S5).
import { PLATFORM_DISPLAY_NAMES } from "../../../intune/profile-types";
import { parseFormat } from "../../../intune/subject-name";
import type { ScepContext } from "../../../intune/snapshot";
import { intuneRule, named, quote, ref } from "../intune-rule";
import { formats } from "./subject";

function usedVariables(c: ScepContext, only?: "subject" | "san"): { user: string[]; device: string[]; all: string[] } {
  const vars = formats(c)
    .filter((f) => !only || (only === "san") === f.san)
    .flatMap((f) => parseFormat(f.value).variables);
  const uniq = (xs: string[]) => [...new Set(xs)];
  return {
    user: uniq(vars.filter((v) => v.scope === "user").map((v) => v.name)),
    device: uniq(vars.filter((v) => v.scope === "device").map((v) => v.name)),
    all: uniq(vars.map((v) => v.name)),
  };
}
const braces = (names: readonly string[]) => names.map((n) => `{{${n}}}`).join(", ");

export const PROF_USER_VARS_ON_USERLESS = intuneRule(
  {
    code: "PROF_USER_VARS_ON_USERLESS",
    severity: "error",
    title: "User variables in a profile for devices without a user",
    why:
      "Dedicated Android Enterprise devices and userless AOSP devices have no user, so user attributes can't be " +
      "resolved for them.",
    fix: "Use the Device certificate type with device variables ({{AAD_Device_ID}}, {{DeviceName}}, {{SerialNumber}}…).",
    symptom:
      '"a profile that uses CN={{UserPrincipalName}} … won\'t be able to get the user principal name when there\'s no user on the device"',
    sources: ["S5"],
  },
  (ix, report) => {
    for (const c of ix.scep) {
      if (c.platform !== "androidDeviceOwner" && c.platform !== "aosp") continue;
      // Userless devices are targeted through device groups (or All devices).
      if (ix.audienceOf(c.profile.id).kind !== "device") continue;
      const { user } = usedVariables(c);
      if (user.length)
        report(
          [ref.scep(c)],
          `SCEP profile ${named(c.profile)} is assigned to devices only and uses user variables ${braces(user)}.`,
        );
    }
  },
);

export const PROF_DEVICE_CERT_USER_VARS = intuneRule(
  {
    code: "PROF_DEVICE_CERT_USER_VARS",
    severity: "error",
    title: "A Device certificate uses user variables",
    why: "A device certificate is issued for the device; it has no user whose attributes Intune could fill in.",
    fix: "Use device variables only, or choose the User certificate type.",
    symptom: '"Device certificates can only contain device attributes in the subject and SAN of the certificate."',
    sources: ["S5"],
  },
  (ix, report) => {
    for (const c of ix.scep) {
      if (c.settings.certificateStore !== "machine") continue;
      const { user } = usedVariables(c);
      if (user.length)
        report([ref.scep(c)], `SCEP profile ${named(c.profile)} issues Device certificates but uses user variables ${braces(user)}.`);
    }
  },
);

export const PROF_UNSUPPORTED_DEVICE_VARIABLE = intuneRule(
  {
    code: "PROF_UNSUPPORTED_DEVICE_VARIABLE",
    severity: "error",
    title: "A device variable the platform's devices don't have",
    why:
      "{{FullyQualifiedDomainName}} exists only on domain-joined Windows devices; a Mac has no IMEI or MEID. When " +
      "the device lacks the property the profile fails.",
    fix: "Remove the variable, or scope the assignment to devices that have the property.",
    symptom: '"the profile fails to install"',
    sources: ["S5"],
  },
  (ix, report) => {
    for (const c of ix.scep) {
      const { device } = usedVariables(c);
      const bad = device.filter(
        (v) =>
          (v === "FullyQualifiedDomainName" && c.platform !== "windows") ||
          (["IMEI", "Device_IMEI", "IMEINumber", "MEID"].includes(v) && (c.platform === "macOS" || c.platform === "windows")),
      );
      if (bad.length)
        report(
          [ref.scep(c)],
          `SCEP profile ${named(c.profile)} uses ${braces(bad)}, which ${PLATFORM_DISPLAY_NAMES[c.platform]} devices don't have.`,
        );
    }
  },
);

export const PROF_ANDROID12_BYOD_HW_IDS = intuneRule(
  {
    code: "PROF_ANDROID12_BYOD_HW_IDS",
    severity: "error",
    title: "Hardware identifiers in a personally-owned work profile SCEP profile",
    why: "Android 12 and later hide the serial number, IMEI and MEID from apps in a personally-owned work profile.",
    fix: "Use other variables ({{AAD_Device_ID}}, {{DeviceId}}, user variables).",
    symptom:
      '"will fail to provision a certificate on devices that run Android 12 or later at the time the device enrolled"',
    sources: ["S5"],
  },
  (ix, report) => {
    for (const c of ix.scep) {
      if (c.platform !== "androidWorkProfile") continue;
      const hw = usedVariables(c).device.filter((v) =>
        ["SerialNumber", "Device_Serial", "IMEI", "Device_IMEI", "IMEINumber", "MEID"].includes(v),
      );
      if (hw.length) report([ref.scep(c)], `SCEP profile ${named(c.profile)} uses ${braces(hw)}.`);
    }
  },
);

export const PROF_AE_COBO_USERNAME_SAN = intuneRule(
  {
    code: "PROF_AE_COBO_USERNAME_SAN",
    severity: "error",
    title: "{{UserName}} in a SAN of a fully managed, dedicated or corporate-owned work profile SCEP profile",
    why: "The user name variable is not supported in the subject alternative name on these devices.",
    fix: "Use {{UserPrincipalName}} or {{EmailAddress}}.",
    symptom: "not supported",
    sources: ["S5"],
  },
  (ix, report) => {
    for (const c of ix.scep)
      if (c.platform === "androidDeviceOwner" && usedVariables(c, "san").all.includes("UserName"))
        report([ref.scep(c)], `SCEP profile ${named(c.profile)} uses {{UserName}} in a subject alternative name.`);
  },
);

export const PROF_AOSP_UNSUPPORTED_VARS = intuneRule(
  {
    code: "PROF_AOSP_UNSUPPORTED_VARS",
    severity: "error",
    title: "On-premises variables in an Android (AOSP) SCEP profile",
    why: "{{OnPremisesSamAccountName}}, {{OnPrem_Distinguished_Name}} and {{Department}} can't be resolved on AOSP.",
    fix: "Remove them.",
    symptom: '"not available for use on Android (AOSP) SCEP certificate profiles"',
    sources: ["S5"],
  },
  (ix, report) => {
    for (const c of ix.scep) {
      if (c.platform !== "aosp") continue;
      const bad = usedVariables(c).user.filter((v) =>
        ["OnPremisesSamAccountName", "OnPrem_Distinguished_Name", "Department"].includes(v),
      );
      if (bad.length) report([ref.scep(c)], `SCEP profile ${named(c.profile)} uses ${braces(bad)}.`);
    }
  },
);

export const PROF_DEVICEID_WINDOWS_SUBJECT = intuneRule(
  {
    code: "PROF_DEVICEID_WINDOWS_SUBJECT",
    severity: "warning",
    title: "CN={{DeviceId}} in a Windows SCEP profile",
    why: "On Windows, a certificate whose subject is the Intune device id breaks the device's sync with Intune.",
    fix: "Use {{AAD_Device_ID}} or another variable.",
    symptom: '"certificate generated with this subject name causes sync with Intune to fail"',
    sources: ["S5"],
  },
  (ix, report) => {
    for (const c of ix.scep) {
      const s = c.settings.subjectNameFormatString;
      if (c.platform === "windows" && s && /CN\s*=\s*"?\{\{\s*DeviceId\s*\}\}/i.test(s))
        report([ref.scep(c)], `SCEP profile ${named(c.profile)} has subject name '${s}'.`);
    }
  },
);

export const PROF_AE_DEVICE_NO_SAN = intuneRule(
  {
    code: "PROF_AE_DEVICE_NO_SAN",
    severity: "warning",
    title: "An Android Enterprise Device certificate without a subject alternative name",
    why: "Requests without a SAN from Android Enterprise device certificates have been reported to fail.",
    fix: "Add a DNS SAN, e.g. {{DeviceName}}.domainname.com.",
    symptom: '"No SAN specified in certificate request." (support case, 2018)',
    sources: ["S54"],
  },
  (ix, report) => {
    for (const c of ix.scep) {
      if (c.platform !== "androidDeviceOwner" && c.platform !== "androidWorkProfile") continue;
      if (c.settings.certificateStore !== "machine") continue;
      if (formats(c).some((f) => f.san)) continue;
      report([ref.scep(c)], `SCEP profile ${named(c.profile)} issues Device certificates with no subject alternative name.`);
    }
  },
);

export { quote };
