// Catalogue A.6: certificate validity period and renewal threshold of a SCEP profile.
import { describeValidity, MAX_VALIDITY_DAYS, validityInDays } from "../../../intune/profiles";
import { isApplePlatform, PLATFORM_DISPLAY_NAMES } from "../../../intune/profile-types";
import type { ScepContext } from "../../../intune/snapshot";
import { intuneRule, named, ref } from "../intune-rule";

/** The profile's validity in days and as written ("2 years"), or undefined when unset. */
export function profileValidity(c: ScepContext): { days: number; text: string } | undefined {
  const { certificateValidityPeriodValue: value, certificateValidityPeriodScale: scale } = c.settings;
  if (value === null || scale === null) return undefined;
  return { days: validityInDays(value, scale), text: describeValidity(value, scale) };
}

export const PROF_VALIDITY_GT_24M = intuneRule(
  {
    code: "PROF_VALIDITY_GT_24M",
    severity: "error",
    title: "The certificate validity period is longer than 24 months",
    why: "Intune refuses a SCEP profile whose certificate validity period is longer than 24 months.",
    fix: '"Intune supports a validity period of up to 24 months."',
    symptom: "—",
    sources: ["S5"],
  },
  (ix, report) => {
    for (const c of ix.scep) {
      const v = profileValidity(c);
      if (v && v.days > MAX_VALIDITY_DAYS)
        report([ref.scep(c)], `SCEP profile ${named(c.profile)} asks for ${v.text}; Intune supports up to 24 months.`);
    }
  },
);

export const PROF_VALIDITY_LT_5D = intuneRule(
  {
    code: "PROF_VALIDITY_LT_5D",
    severity: "warning",
    title: "The certificate validity period is shorter than five days",
    why:
      "A certificate that is near expiry when it arrives can be rejected by the device before it is installed.",
    fix: "Use a validity period of five days or more.",
    symptom:
      "MDM agent may reject before install (\"there's a high likelihood of the certificate entering a near-expiry or " +
      "expired state, which can cause the MDM agent on devices to reject the certificate before it's installed.\")",
    sources: ["S5", "002_823a4c777ce30773.txt"],
  },
  (ix, report) => {
    for (const c of ix.scep) {
      const v = profileValidity(c);
      if (v && v.days < 5) report([ref.scep(c)], `SCEP profile ${named(c.profile)} asks for ${v.text}, less than five days.`);
    }
  },
);

export const PROF_RENEWAL_THRESHOLD_RANGE = intuneRule(
  {
    code: "PROF_RENEWAL_THRESHOLD_RANGE",
    severity: "error",
    title: "The renewal threshold is not between 1 and 99 %",
    why: "The renewal threshold is the share of the certificate's lifetime left when the device asks for a new one.",
    fix: "Set Renewal threshold (%) between 1 and 99; 20 is the usual value.",
    symptom: 'Graph: "Valid values 1 to 99"',
    sources: ["S47", "S12", "S5"],
  },
  (ix, report) => {
    for (const c of ix.scep) {
      const t = c.settings.renewalThresholdPercentage;
      if (t === null) report([ref.scep(c)], `SCEP profile ${named(c.profile)} has no renewal threshold.`);
      else if (!Number.isInteger(t) || t < 1 || t > 99)
        report([ref.scep(c)], `SCEP profile ${named(c.profile)} has a renewal threshold of ${t} %; valid values are 1 to 99.`);
    }
  },
);

export const PROF_APPLE_RENEWAL_RISK = intuneRule(
  {
    code: "PROF_APPLE_RENEWAL_RISK",
    severity: "info",
    title: "An Apple device keeps an expired certificate if renewal fails",
    why: "On iOS/iPadOS and macOS, Intune triggers a renewal once; if that fails it doesn't try again.",
    fix: "If a renewal fails, exclude the device from the profile temporarily so that the certificate is issued again.",
    symptom:
      '"If the renewal was not successful, the expired certificate will remain on the device and Intune does not trigger a renewal anymore."',
    sources: ["S5"],
  },
  (ix, report) => {
    for (const c of ix.scep)
      if (isApplePlatform(c.platform))
        report(
          [ref.scep(c)],
          `SCEP profile ${named(c.profile)} is for ${PLATFORM_DISPLAY_NAMES[c.platform]}: a failed renewal is not retried.`,
        );
  },
);
