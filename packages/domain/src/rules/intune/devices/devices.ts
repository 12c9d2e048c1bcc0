// Catalogue A.11 (device / platform conditions) and the co-management condition of A.6: the managed devices of
// the snapshot against the SCEP profiles their assignments deliver to them. Silent without managed devices.
import { PLATFORM_DISPLAY_NAMES } from "../../../intune/profile-types";
import type { SnapManagedDevice } from "../../../intune/snapshot";
import { intuneRule, named, ref, type IntuneCheck, type IntuneRuleMeta } from "../intune-rule";
import { deviceIndex, deviceNamed, deviceRef, isUnsupportedWindows, versionParts, type DeviceIndex } from "./device-context";
import { listNames } from "../../types";

/** An Intune rule over managed devices: silent when the snapshot models none. */
function deviceRule(meta: IntuneRuleMeta, check: (dx: DeviceIndex, ...rest: Parameters<IntuneCheck>) => void) {
  return intuneRule(meta, (ix, report, snapshot, directory) => {
    if (!ix.intune.managedDevices?.length) return;
    check(deviceIndex(ix, directory), ix, report, snapshot, directory);
  });
}

const ANDROID_ENTERPRISE = new Set<SnapManagedDevice["platform"]>(["androidDeviceOwner", "androidWorkProfile"]);

const ENCRYPTION_LABEL = {
  fullDisk: "full-disk encryption",
  fileBased: "file-based encryption",
  none: "no encryption",
  unknown: "an encryption type Intune can't identify",
} as const;

export const DEV_ANDROID_ENTERPRISE_PIN = deviceRule(
  {
    code: "DEV_ANDROID_ENTERPRISE_PIN",
    severity: "error",
    title: "An Android Enterprise device with full-disk encryption has no device PIN",
    why:
      "Android Enterprise devices with full-disk encryption (typically Android 9 and earlier, or upgraded to 10+) " +
      "need a device PIN before SCEP can provision a certificate; Android 10+ devices with OEM-installed file-based " +
      "encryption don't.",
    fix:
      "Enforce a device password with a compliance or configuration policy (dedicated devices on 9.0+: the kiosk " +
      "compliance screens); on Android 8.x and earlier set the PIN on the device manually.",
    symptom:
      'certificate not provisioned until PIN set ("Full-disk encryption, which requires the device have a PIN configured"; ' +
      'Android 10+ OEM-installed FBE "won\'t require a PIN"; "Microsoft Intune can\'t identify the type of encryption")',
    sources: ["S1"],
  },
  (dx, _ix, report) => {
    for (const d of dx.devices) {
      if (!ANDROID_ENTERPRISE.has(d.platform) || d.pinSet !== false) continue;
      const major = versionParts(d.osVersion)[0];
      // FDE reported, or not known and the device runs Android 9 or earlier, where FDE is what devices have.
      const fde =
        d.encryption === "fullDisk" ||
        ((d.encryption === undefined || d.encryption === "unknown") && major !== undefined && major <= 9);
      if (!fde) continue;
      const profiles = dx.profilesOf(d);
      if (!profiles.length) continue;
      const enc = d.encryption === "fullDisk" ? ENCRYPTION_LABEL.fullDisk : `${ENCRYPTION_LABEL[d.encryption ?? "unknown"]} (full-disk on Android ${major})`;
      report(
        [deviceRef(d), ...profiles.map(ref.scep)],
        `Device ${deviceNamed(d)} has ${enc} and no device PIN: SCEP profile ${profiles.map((c) => named(c.profile)).join(", ")} ` +
          `won't provision a certificate until a PIN is set.`,
      );
    }
  },
);

export const DEV_PLATFORM_NOT_SUPPORTED = deviceRule(
  {
    code: "DEV_PLATFORM_NOT_SUPPORTED",
    severity: "info",
    title: "The SCEP profile is assigned to devices of a platform it doesn't install on",
    why:
      "A SCEP profile installs only on devices of its own platform and supported version: the Windows profile is " +
      "for Windows 10 and later (Windows 8.1 is out of support), an iOS profile never reaches an Android device.",
    fix: "Create a SCEP profile for each platform the assigned devices run, or scope the assignment.",
    symptom: '"The SCEP certificate profile installs only on devices that run the platform you specified"',
    sources: ["S5", "S7"],
  },
  (dx, ix, report) => {
    for (const c of ix.scep) {
      const reached = dx.reachedBy(c);
      if (!reached.length) continue;
      const old = reached.filter((d) => d.platform === c.platform && isUnsupportedWindows(d));
      if (old.length)
        report(
          [ref.scep(c), ...old.map(deviceRef)],
          `SCEP profile ${named(c.profile)} is assigned to ${listNames(old.map(deviceNamed))}, which run Windows 8.1 or ` +
            `earlier: the profile installs only on ${PLATFORM_DISPLAY_NAMES.windows}.`,
        );
      if (!reached.some((d) => d.platform === c.platform)) {
        const others = [...new Set(reached.map((d) => PLATFORM_DISPLAY_NAMES[d.platform]))];
        report(
          [ref.scep(c)],
          `SCEP profile ${named(c.profile)} reaches ${reached.length} managed device(s) (${listNames(reached.map(deviceNamed))}), ` +
            `none of them ${PLATFORM_DISPLAY_NAMES[c.platform]} (they run ${others.join(", ")}): it installs on none of them.`,
        );
      }
    }
  },
);

export const DEV_IOS_MULTIPLE_CERTS = deviceRule(
  {
    code: "DEV_IOS_MULTIPLE_CERTS",
    severity: "info",
    title: "An iOS/iPadOS or macOS device receives several SCEP certificates",
    why:
      "An Apple device gets one certificate per SCEP profile it receives, including SCEP profiles linked to Wi-Fi or " +
      "VPN profiles; that is expected, but each is a separate request to NDES and a separate certificate.",
    fix: "Expected; assign one SCEP profile per purpose if fewer certificates are wanted.",
    symptom: '"the device receives a certificate for each of those additional profiles"',
    sources: ["S5"],
  },
  (dx, _ix, report) => {
    for (const d of dx.devices) {
      if (d.platform !== "iOS" && d.platform !== "macOS") continue;
      const profiles = dx.profilesOf(d);
      if (profiles.length > 1)
        report(
          [deviceRef(d), ...profiles.map(ref.scep)],
          `Device ${deviceNamed(d)} receives ${profiles.length} SCEP profiles (${profiles.map((c) => named(c.profile)).join(", ")}) ` +
            `and gets a certificate for each.`,
        );
    }
  },
);

export const DEV_WINDOWS_KSP_TPM_ABSENT = deviceRule(
  {
    code: "DEV_WINDOWS_KSP_TPM_ABSENT",
    severity: "error",
    title: 'A Windows device without a TPM receives a profile that says "TPM KSP, otherwise fail"',
    why: 'With "Enroll to Trusted Platform Module (TPM) KSP, otherwise fail" the key must be created in a TPM; a device without one can\'t enroll.',
    fix: 'Select "Enroll to Trusted Platform Module (TPM) KSP if present, otherwise Software KSP".',
    symptom: "enrollment fails (UNCONFIRMED text)",
    sources: ["S5"],
  },
  (dx, ix, report) => {
    for (const c of ix.scep) {
      if (c.platform !== "windows" || c.settings.keyStorageProvider !== "useTpmKspOtherwiseFail") continue;
      const noTpm = dx.receivedBy(c).filter((d) => d.hasTpm === false);
      if (noTpm.length)
        report(
          [ref.scep(c), ...noTpm.map(deviceRef)],
          `SCEP profile ${named(c.profile)} uses "Enroll to Trusted Platform Module (TPM) KSP, otherwise fail"; ` +
            `${listNames(noTpm.map(deviceNamed))} ${noTpm.length === 1 ? "has" : "have"} no TPM.`,
        );
    }
  },
);

const WORKLOAD_LABEL = { configurationManager: "Configuration Manager", pilotIntune: "Pilot Intune", intune: "Intune" } as const;

export const PROF_COMANAGED_WORKLOAD = deviceRule(
  {
    code: "PROF_COMANAGED_WORKLOAD",
    severity: "warning",
    title: "Co-managed Windows devices keep the Resource access workload in Configuration Manager",
    why:
      "Co-managed Windows devices apply Intune's SCEP profiles only when the Resource access policies workload is " +
      "switched to Intune or Pilot Intune.",
    fix: "Move the Resource access policies workload slider to Pilot Intune or Intune (Configuration Manager › Co-management properties › Workloads).",
    symptom: "Windows clients don't start the request",
    sources: ["S5"],
  },
  (dx, ix, report) => {
    for (const c of ix.scep) {
      if (c.platform !== "windows") continue;
      const stuck = dx
        .receivedBy(c)
        .filter((d) => d.coManaged === true && d.resourceAccessWorkload === "configurationManager");
      if (stuck.length)
        report(
          [ref.scep(c), ...stuck.map(deviceRef)],
          `SCEP profile ${named(c.profile)} is assigned to co-managed ${listNames(stuck.map(deviceNamed))}, whose Resource ` +
            `access workload is ${WORKLOAD_LABEL.configurationManager}: they don't start the request.`,
        );
    }
  },
);
