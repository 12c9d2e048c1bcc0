// Catalogue A.6: key size, key storage provider, hash algorithm and extended key usages of a SCEP profile.
import { HASH_ALGORITHMS, hasFlag } from "../../../intune/enums";
import { CLIENT_AUTHENTICATION_OID } from "../../../intune/profiles";
import { isAndroidPlatform } from "../../../intune/profile-types";
import { intuneRule, named, ref } from "../intune-rule";
import { deviceIndex, deviceNamed, deviceRef, versionBelow } from "../devices/device-context";
import { listNames } from "../../types";

const KSP_LABEL = {
  useTpmKspOtherwiseUseSoftwareKsp: "Enroll to Trusted Platform Module (TPM) KSP if present, otherwise Software KSP",
  useTpmKspOtherwiseFail: "Enroll to Trusted Platform Module (TPM) KSP, otherwise fail",
  usePassportForWorkKspOtherwiseFail: "Enroll to Windows Hello for Business, otherwise fail",
  useSoftwareKsp: "Enroll to Software KSP",
} as const;

/** The first versions that take a 4096-bit SCEP key (S5): iOS/iPadOS 14, macOS 11. */
const APPLE_4096_MIN = { iOS: [14], macOS: [11] } as const;

export const PROF_KEYSIZE_4096_UNSUPPORTED = intuneRule(
  {
    code: "PROF_KEYSIZE_4096_UNSUPPORTED",
    severity: "error",
    title: "Key size 4096 on a device or key storage provider that can't hold it",
    why:
      "A 4096-bit key needs iOS/iPadOS 14+, macOS 11+, or on Windows the Software KSP: the hardware TPM can't hold " +
      "it (Windows Hello for Business is PROF_WINDOWS_KSP_WHFB_4096).",
    fix: 'Use 2048 bits, or on Windows "Enroll to Software KSP" ("The hardware TPM … There is no workaround").',
    symptom: "profile fails (text UNCONFIRMED)",
    sources: ["S5"],
  },
  (ix, report, _snapshot, directory) => {
    for (const c of ix.scep) {
      const ksp = c.settings.keyStorageProvider;
      if (c.platform !== "windows" || c.settings.keySize !== "size4096") continue;
      if (ksp === "useTpmKspOtherwiseFail" || ksp === "useTpmKspOtherwiseUseSoftwareKsp")
        report([ref.scep(c)], `SCEP profile ${named(c.profile)} asks for a 4096-bit key with "${KSP_LABEL[ksp]}".`);
    }
    // iOS/iPadOS < 14 and macOS < 11 devices that receive a 4096-bit profile (only when devices are modelled).
    if (!ix.intune.managedDevices?.length) return;
    const dx = deviceIndex(ix, directory);
    for (const c of ix.scep) {
      if ((c.platform !== "iOS" && c.platform !== "macOS") || c.settings.keySize !== "size4096") continue;
      const min = APPLE_4096_MIN[c.platform];
      const old = dx.receivedBy(c).filter((d) => versionBelow(d.osVersion, min));
      if (old.length)
        report(
          [ref.scep(c), ...old.map(deviceRef)],
          `SCEP profile ${named(c.profile)} asks for a 4096-bit key; ${listNames(old.map(deviceNamed))} ` +
            `${old.length === 1 ? "runs" : "run"} a version older than ${c.platform === "iOS" ? "iOS/iPadOS 14" : "macOS 11"}.`,
        );
    }
  },
);

export const PROF_WINDOWS_KSP_WHFB_4096 = intuneRule(
  {
    code: "PROF_WINDOWS_KSP_WHFB_4096",
    severity: "error",
    title: "Key size 4096 with the Windows Hello for Business key storage provider",
    why: "Windows Hello for Business can't hold a 4096-bit key.",
    fix: "Use 2048 bits.",
    symptom: "not supported",
    sources: ["S5"],
  },
  (ix, report) => {
    for (const c of ix.scep)
      if (c.settings.keySize === "size4096" && c.settings.keyStorageProvider === "usePassportForWorkKspOtherwiseFail")
        report(
          [ref.scep(c)],
          `SCEP profile ${named(c.profile)} asks for a 4096-bit key with "${KSP_LABEL.usePassportForWorkKspOtherwiseFail}".`,
        );
  },
);

export const PROF_HASH_SHA1 = intuneRule(
  {
    code: "PROF_HASH_SHA1",
    severity: "info",
    title: "The SCEP profile's hash algorithm is SHA-1",
    why: "SHA-1 is deprecated; Android Enterprise and AOSP use SHA-2 anyway.",
    fix: "Select SHA-2.",
    symptom:
      'Android Enterprise/AOSP "will select the strongest algorithm supported - SHA-1 will be ignored, and SHA-2 will be used instead."',
    sources: ["S5"],
  },
  (ix, report) => {
    for (const c of ix.scep) {
      const h = c.settings.hashAlgorithm;
      if (!hasFlag(HASH_ALGORITHMS, h, "sha1") || hasFlag(HASH_ALGORITHMS, h, "sha2")) continue;
      const note = isAndroidPlatform(c.platform) ? "; Android uses SHA-2 instead" : "";
      report([ref.scep(c)], `SCEP profile ${named(c.profile)} uses hash algorithm SHA-1${note}.`);
    }
  },
);

export const PROF_EKU_NO_CLIENT_AUTH = intuneRule(
  {
    code: "PROF_EKU_NO_CLIENT_AUTH",
    severity: "warning",
    title: "The SCEP profile's extended key usages lack Client Authentication",
    why: "Certificates for Wi-Fi, VPN and app authentication need Client Authentication (1.3.6.1.5.5.7.3.2).",
    fix: "Add Client Authentication (1.3.6.1.5.5.7.3.2) from the predefined values.",
    symptom: "cert unusable for client auth (UNCONFIRMED)",
    sources: ["S5", "004_0623edc70b4e3354.txt"],
  },
  (ix, report) => {
    for (const c of ix.scep) {
      const ekus = c.settings.extendedKeyUsages;
      if (ekus.some((e) => e.objectIdentifier === CLIENT_AUTHENTICATION_OID)) continue;
      const found = ekus.length
        ? `has ${ekus.map((e) => `${e.name} (${e.objectIdentifier})`).join(", ")} but not Client Authentication`
        : "has no extended key usage";
      report([ref.scep(c)], `SCEP profile ${named(c.profile)} ${found}.`);
    }
  },
);
