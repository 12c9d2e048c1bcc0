// Catalogue A.6: platform-specific settings and what to expect of a SCEP profile on some platforms.
import { PLATFORM_DISPLAY_NAMES } from "../../../intune/profile-types";
import { intuneRule, named, ref } from "../intune-rule";

export const PROF_MACOS_CHANNEL_MISMATCH = intuneRule(
  {
    code: "PROF_MACOS_CHANNEL_MISMATCH",
    severity: "error",
    title: "The macOS deployment channel doesn't match the certificate type",
    why:
      "The user channel installs into the user keychain, the device channel into the system keychain: a Device " +
      "certificate can't go through the user channel, nor a User certificate through the device channel. The " +
      "channel can't be edited after deployment.",
    fix:
      '"Always select the user deployment channel in profiles with user certificates … device deployment channel in ' +
      'profiles with device certificates."',
    symptom: '"If the profile is configured to use the user deployment channel, you can select only User."',
    sources: ["S5"],
  },
  (ix, report) => {
    for (const c of ix.scep) {
      if (c.platform !== "macOS") continue;
      const ch = c.settings.deploymentChannel;
      const store = c.settings.certificateStore;
      if ((ch === "userChannel" && store === "machine") || (ch === "deviceChannel" && store === "user"))
        report(
          [ref.scep(c)],
          `SCEP profile ${named(c.profile)} uses the ${ch === "userChannel" ? "user" : "device"} deployment channel ` +
            `for ${store === "machine" ? "Device" : "User"} certificates.`,
        );
    }
  },
);

export const PROF_ASSIGNED_TO_DEVICE_GROUP_DELAY = intuneRule(
  {
    code: "PROF_ASSIGNED_TO_DEVICE_GROUP_DELAY",
    severity: "info",
    title: "The SCEP profile is assigned to device groups",
    why: "A device in a device group gets policies only after a full device registration, so issuance takes longer.",
    fix: "Prefer user groups when certificates are needed quickly.",
    symptom: '"If you assign to a device group, a full device registration is required before the device receives policies."',
    sources: ["S5"],
  },
  (ix, report) => {
    for (const c of ix.scep) {
      const a = ix.audienceOf(c.profile.id);
      const deviceTargets = a.included.filter((g) => ix.targetAudience(g) === "device");
      if (deviceTargets.length)
        report(
          [ref.scep(c)],
          `SCEP profile ${named(c.profile)} is assigned to ${deviceTargets.map((g) => ix.describeTarget(g)).join(", ")}.`,
        );
    }
  },
);

export const PROF_AE_DO_NO_REVOKE_REPORT = intuneRule(
  {
    code: "PROF_AE_DO_NO_REVOKE_REPORT",
    severity: "info",
    title: "No certificate reporting or revocation for Android device owner and AOSP",
    why: "Intune doesn't report or revoke the certificates of Android Enterprise device owner and AOSP SCEP profiles.",
    fix: "Manage revocation at the CA.",
    symptom: '"certificate reporting isn\'t available"; "You can\'t use Intune to revoke certificates"',
    sources: ["S5"],
  },
  (ix, report) => {
    for (const c of ix.scep)
      if (c.platform === "androidDeviceOwner" || c.platform === "aosp")
        report(
          [ref.scep(c)],
          `SCEP profile ${named(c.profile)} is for ${PLATFORM_DISPLAY_NAMES[c.platform]}: revoke its certificates at the CA.`,
        );
  },
);
