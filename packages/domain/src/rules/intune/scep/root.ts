// Catalogue A.6: the SCEP profile's Root Certificate, and how the SCEP and trusted profiles are assigned.
// "A requirement for deploying a SCEP profile is the successful deployment of the trusted root certificate from
// your CA to your targeted devices" (001_6feb1c2e8b30dee5.txt, part 3).
import { profileTypeInfo } from "../../../intune/profile-types";
import { expectedRootType, type AudienceKind, type IntuneIndex, type ScepContext } from "../../../intune/snapshot";
import { ALL_DEVICES_ID, ALL_USERS_ID } from "../../../intune/assignments";
import { intuneRule, named, ref } from "../intune-rule";

export const PROF_NO_ROOT_CERT = intuneRule(
  {
    code: "PROF_NO_ROOT_CERT",
    severity: "error",
    title: "The SCEP profile has no Root Certificate",
    why:
      "A SCEP profile names the trusted certificate profile whose root the device uses to trust the certificate it " +
      "receives. Without it the profile can't be deployed.",
    fix: "In Configuration settings › Root Certificate, select the trusted certificate profile of the same platform.",
    symptom: "—",
    sources: ["S5", "001_6feb1c2e8b30dee5.txt"],
  },
  (ix, report) => {
    for (const c of ix.scep) {
      if (!c.profile.rootCertificateId)
        report([ref.scep(c)], `SCEP profile ${named(c.profile)} has no Root Certificate selected.`);
      else if (!c.root)
        report(
          [ref.scep(c)],
          `SCEP profile ${named(c.profile)} references trusted certificate profile ${c.profile.rootCertificateId}, which no longer exists.`,
        );
    }
  },
);

export const PROF_ROOT_PLATFORM_MISMATCH = intuneRule(
  {
    code: "PROF_ROOT_PLATFORM_MISMATCH",
    severity: "error",
    title: "The SCEP profile's Root Certificate is a profile for another platform",
    why:
      "A device only installs profiles of its own platform: a SCEP profile must reference a trusted certificate " +
      "profile of the same platform, or the device never gets the root the SCEP certificate chains to.",
    fix: '"Create a separate trusted certificate profile for each device platform" and select the one of this platform.',
    symptom: "UI likely only lists same-platform trusted profiles (UNCONFIRMED)",
    sources: ["S6", "S7"],
  },
  (ix, report) => {
    for (const c of ix.scep) {
      if (!c.root || c.root.odataType === expectedRootType(c)) continue;
      const want = profileTypeInfo(expectedRootType(c));
      report(
        [ref.scep(c), ref.profile(c.root)],
        `SCEP profile ${named(c.profile)} references ${named(c.root)}; it needs a ${want?.listedPlatformDisplayName} ` +
          `trusted certificate profile (#${expectedRootType(c)}), not #${c.root.odataType}.`,
      );
    }
  },
);

export const PROF_ROOT_NOT_TOP_LEVEL = intuneRule(
  {
    code: "PROF_ROOT_NOT_TOP_LEVEL",
    severity: "warning",
    title: "The SCEP profile's Root Certificate holds an intermediate CA, not the root",
    why:
      "In a multi-tier PKI the SCEP profile should point at the trusted certificate profile of the top-level root " +
      "CA; the issuing CA's certificate is not self-signed and doesn't anchor the chain. (Older guidance said to " +
      "select the issuing CA's profile; the current documentation says the top-level root.)",
    fix:
      '"If you have a multiple level PKI Infastructure … select the top level Trusted Root certificate profile that ' +
      'validates the Issuing Certification Authority."',
    symptom: "see TRUST_INTERMEDIATE_AS_ROOT",
    sources: ["S5", "S1"],
  },
  (ix, report) => {
    for (const c of ix.scep) {
      const cert = c.root?.certificate;
      if (!c.root || !cert || sameDn(cert.subject, cert.issuer)) continue;
      report(
        [ref.scep(c), ref.profile(c.root)],
        `SCEP profile ${named(c.profile)} uses ${named(c.root)}, whose certificate '${cert.subject}' is issued by ` +
          `'${cert.issuer}': it is an intermediate, not the top-level root.`,
      );
    }
  },
);

export function sameDn(a: string, b: string): boolean {
  const norm = (s: string) => s.split(",").map((p) => p.trim().toLowerCase()).join(",");
  return norm(a) === norm(b);
}

// ------------------------------------------------------------------------------ assignments (S12 matrix)

const KIND_TEXT: Record<AudienceKind, string> = {
  user: "users",
  device: "devices",
  userAndDevice: "users and devices",
  none: "no one",
};

/** The S12 matrix: SCEP=User + Trusted=Device → Failure; SCEP=Device + Trusted=User → Failure; "User and Device" on either side → Success. */
function matrixFails(scep: AudienceKind, trusted: AudienceKind): boolean {
  return (scep === "user" && trusted === "device") || (scep === "device" && trusted === "user");
}

/** The SCEP profile's included targets that the trusted profile doesn't reach. */
function uncovered(ix: IntuneIndex, c: ScepContext, rootId: string): string[] {
  const scep = ix.audienceOf(c.profile.id);
  const root = ix.audienceOf(rootId);
  const rootIncluded = new Set(root.included);
  const rootExcluded = new Set(root.excluded);
  const allUsers = rootIncluded.has(ALL_USERS_ID);
  const allDevices = rootIncluded.has(ALL_DEVICES_ID);
  return scep.included.filter((g) => {
    if (rootExcluded.has(g)) return true;
    if (rootIncluded.has(g)) return false;
    if (g === ALL_USERS_ID) return !allUsers;
    if (g === ALL_DEVICES_ID) return !allDevices;
    // A group is covered when the trusted profile's groups (or All users / All devices) reach every member.
    const members = ix.groupMembers(g);
    return ![...members].every((m) => root.members.has(m) || (ix.isUser(m) ? allUsers : allDevices));
  });
}

export const PROF_ROOT_ASSIGNMENT_MISMATCH = intuneRule(
  {
    code: "PROF_ROOT_ASSIGNMENT_MISMATCH",
    severity: "error",
    title: "The SCEP profile and its trusted certificate profile are not assigned to the same groups",
    why:
      "A device gets a SCEP certificate only after it has received the trusted root it chains to, so both profiles " +
      "must reach the same devices through the same kind of assignment. Per the deployment matrix, SCEP assigned to " +
      "users with the trusted certificate assigned to devices fails, and so does the reverse; an assignment to " +
      '"User and Device" on either side succeeds.',
    fix: "Assign the trusted certificate profile and the SCEP profile to the same groups.",
    symptom:
      'matrix: SCEP=User + Trusted=Device → "Failure"; SCEP=Device + Trusted=User → "Failure"; any side "User and Device" → Success',
    sources: ["S12", "S5", "001_6feb1c2e8b30dee5.txt"],
  },
  (ix, report) => {
    for (const c of ix.scep) {
      if (!c.root) continue;
      const scep = ix.audienceOf(c.profile.id);
      if (scep.included.length === 0) continue;
      const root = ix.audienceOf(c.root.id);
      const objects = [ref.scep(c), ref.profile(c.root)];
      const list = (ids: readonly string[]) => ids.map((g) => ix.describeTarget(g)).join(", ");
      if (root.included.length === 0) {
        report(
          objects,
          `SCEP profile ${named(c.profile)} is assigned to ${list(scep.included)}, but its trusted certificate ` +
            `profile ${named(c.root)} is not assigned to anyone.`,
        );
        continue;
      }
      if (matrixFails(scep.kind, root.kind)) {
        report(
          objects,
          `SCEP profile ${named(c.profile)} is assigned to ${KIND_TEXT[scep.kind]} (${list(scep.included)}) but ` +
            `${named(c.root)} to ${KIND_TEXT[root.kind]} (${list(root.included)}): SCEP=${scep.kind === "user" ? "User" : "Device"} ` +
            `+ Trusted=${root.kind === "user" ? "User" : "Device"} fails.`,
        );
        continue;
      }
      const missing = uncovered(ix, c, c.root.id);
      if (missing.length > 0)
        report(
          objects,
          `SCEP profile ${named(c.profile)} is assigned to ${list(missing)}, which ${named(c.root)} ` +
            `(assigned to ${list(root.included)}${root.excluded.length ? `, excluding ${list(root.excluded)}` : ""}) does not reach.`,
        );
    }
  },
);
