// What the CA behind a SCEP profile's NDES refuses outright: a subject name longer than 64 characters while DN
// length enforcement is on, and a public key shorter than the template's minimum key size. The profile's NDES,
// CA and template are found as the other cross rules find them (cross-context.ts); silent without a lab.
import { KEY_SIZE_BITS } from "../../../intune/enums";
import type { IntuneIndex, ScepContext } from "../../../intune/snapshot";
import { parseFormat, previewSubject, type SampleDevice, type SampleUser, type SubjectSample } from "../../../intune/subject-name";
import type { CertificateTemplate } from "../../../lab/snapshot";
import type { SnapshotIndex, TenantSnapshot } from "../../snapshot";
import { intuneRule, named, ref } from "../intune-rule";
import { deviceIndex } from "../devices/device-context";
import { labOf, labRef, ndesForProfile, templateForProfile } from "./cross-context";

/** The CA's limit on a subject name (S5: "If your subject name length exceeds 64 characters…"). */
export const DN_LENGTH_LIMIT = 64;

/**
 * Values of realistic length for the variables the snapshot can't resolve (the directory keeps only a user's UPN;
 * on-premises attributes, serial numbers and IMEIs aren't modelled). Names follow the tenant's default domain and
 * the lab's forest, so "CN={{OnPrem_Distinguished_Name}}" is measured the way the real DN would be.
 */
function typicalSample(snapshot: TenantSnapshot, directory: SnapshotIndex): { user: SampleUser; device: SampleDevice } {
  const domain = directory.defaultDomain?.name ?? "contoso.com";
  const ad = snapshot.lab?.forest.domains[0]?.fqdn ?? `corp.${domain}`;
  const dcs = ad
    .split(".")
    .map((p) => `DC=${p}`)
    .join(",");
  return {
    user: {
      userPrincipalName: `adele.vance@${domain}`,
      userName: "adele.vance",
      emailAddress: `adele.vance@${domain}`,
      onPremisesDistinguishedName: `CN=Adele Vance,OU=Users,OU=Contoso,${dcs}`,
      onPremisesSamAccountName: "AdeleV",
      onPremisesSecurityIdentifier: "S-1-5-21-1004336348-1177238915-682003330-1105",
      onPremisesUserPrincipalName: `adele.vance@${ad}`,
      department: "Sales",
      givenName: "Adele",
      surname: "Vance",
    },
    device: {
      aadDeviceId: "9b2f6c1e-4d3a-4e8b-a7c5-1f0e2d3c4b5a",
      deviceId: "0f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a",
      serialNumber: "C02XK1JHJGH5",
      imei: "356938035643809",
      meid: "A0000049A2A7B1",
      deviceName: "DESKTOP-4F7K2QH",
      fullyQualifiedDomainName: `DESKTOP-4F7K2QH.${ad}`,
      wifiMacAddress: "00:1A:2B:3C:4D:5E",
    },
  };
}

type Candidate = { text: string; who: string; typical: string[] };

/**
 * The subject as the CA would see it: resolved for every assigned user and device the snapshot knows (their
 * real UPN, device name and ids), with typical values only for what the snapshot can't tell; a typical user and
 * device when nobody assigned is known. The longest wins.
 */
export function resolvedSubjects(c: ScepContext, ix: IntuneIndex, snapshot: TenantSnapshot, directory: SnapshotIndex): Candidate[] {
  const format = c.settings.subjectNameFormatString;
  if (!format) return [];
  if (parseFormat(format).variables.length === 0) return [{ text: format, who: "", typical: [] }];
  const typical = typicalSample(snapshot, directory);
  const measure = (real: SubjectSample, who: string): Candidate => {
    const withTypical = previewSubject(format, {
      user: { ...typical.user, ...real.user },
      device: { ...typical.device, ...real.device },
    });
    return { text: withTypical.text, who, typical: previewSubject(format, real).unresolved };
  };
  const userSample = (id: string | null | undefined): SampleUser | undefined => {
    const u = id ? directory.usersById.get(id) : undefined;
    return u ? { userPrincipalName: u.userPrincipalName, emailAddress: u.userPrincipalName } : undefined;
  };
  const out: Candidate[] = [];
  for (const m of ix.audienceOf(c.profile.id).members) {
    const user = userSample(m);
    if (user) out.push(measure({ user }, user.userPrincipalName!));
  }
  if (ix.intune.managedDevices?.length)
    for (const d of deviceIndex(ix, directory).receivedBy(c)) {
      const device: SampleDevice = { deviceName: d.deviceName, deviceId: d.id, ...(d.azureADDeviceId ? { aadDeviceId: d.azureADDeviceId } : {}) };
      const user = userSample(d.userId);
      out.push(measure(user ? { user, device } : { device }, `device '${d.deviceName}'`));
    }
  if (!out.length) out.push(measure({}, "a typical user and device"));
  return out;
}

export const CA_DN_LENGTH_ENFORCED = intuneRule(
  {
    code: "CA_DN_LENGTH_ENFORCED",
    severity: "error",
    title: "The resolved subject is longer than 64 characters and the CA enforces DN length",
    why:
      "With subject DN length enforcement on (the default), the CA refuses a request whose subject name is longer " +
      "than 64 characters, so NDES can't submit it.",
    fix:
      '"If your subject name length exceeds 64 characters, you might need to disable name length enforcement on your ' +
      'internal Certification Authority." Or shorten the profile\'s subject name format.',
    symptom:
      'NDES Event 31 example: "The Network Device Enrollment Service cannot submit the certificate request (The request ' +
      'subject name is invalid or too long.). 0x80004005"',
    sources: ["S5", "S49"],
  },
  (ix, report, snapshot, directory) => {
    const lab = labOf(snapshot);
    if (!lab) return;
    for (const c of ix.scep) {
      const ca = ndesForProfile(c, lab, snapshot.entra)?.ca;
      if (!ca?.dnLengthEnforced) continue;
      const longest = resolvedSubjects(c, ix, snapshot, directory).reduce<Candidate | undefined>(
        (a, b) => (!a || b.text.length > a.text.length ? b : a),
        undefined,
      );
      if (!longest || longest.text.length <= DN_LENGTH_LIMIT) continue;
      const who = longest.who ? ` for ${longest.who}` : "";
      const typical = longest.typical.length ? ` (typical values for ${longest.typical.map((v) => `{{${v}}}`).join(", ")})` : "";
      report(
        [ref.scep(c), labRef.ca(ca)],
        `SCEP profile ${named(c.profile)} resolves to '${longest.text}'${who}${typical}: ${longest.text.length} characters, ` +
          `more than ${DN_LENGTH_LIMIT}, and '${ca.name}' enforces DN length.`,
      );
    }
  },
);

export const TPL_MIN_KEY_SIZE_GT_PROFILE = intuneRule(
  {
    code: "TPL_MIN_KEY_SIZE_GT_PROFILE",
    severity: "error",
    title: "The SCEP template's minimum key size is greater than the profiles' key size",
    why:
      "The CA's policy module denies a request whose public key is shorter than the template's Cryptography › " +
      "Minimum key size; every profile NDES serves from this template must ask for at least that many bits. " +
      "(PROF_KEYSIZE_BELOW_TEMPLATE_MIN reports the same mismatch on each profile; this names the template.)",
    fix: "Lower the template's minimum key size (certtmpl.msc › Cryptography), or raise the profiles' key size.",
    symptom:
      'CA/Windows CertEnroll: "The public key does not meet the minimum size required by the specified certificate ' +
      'template. 0x80094811 (-2146875375 CERTSRV_E_KEY_LENGTH) Denied by Policy Module"; NDES Event 31 "(The public ' +
      'key does not meet the minimum size required by the specified certificate template.). 0x80004005"',
    sources: ["S49", "001_6feb1c2e8b30dee5.txt"],
  },
  (ix, report, snapshot) => {
    const lab = labOf(snapshot);
    if (!lab) return;
    const byTemplate = new Map<string, { t: CertificateTemplate; profiles: { c: ScepContext; bits: number }[] }>();
    for (const c of ix.scep) {
      const ndes = ndesForProfile(c, lab, snapshot.entra);
      const t = ndes && templateForProfile(c, ndes);
      if (!t || !c.settings.keySize) continue;
      const bits = KEY_SIZE_BITS[c.settings.keySize];
      if (bits >= t.minimumKeySize) continue;
      const entry = byTemplate.get(t.id) ?? { t, profiles: [] };
      entry.profiles.push({ c, bits });
      byTemplate.set(t.id, entry);
    }
    for (const { t, profiles } of byTemplate.values())
      report(
        [labRef.template(t), ...profiles.map((p) => ref.scep(p.c))],
        `Template '${t.name}' (${t.displayName}) requires a minimum key size of ${t.minimumKeySize}; ` +
          `${profiles.map((p) => `SCEP profile ${named(p.c.profile)} asks for ${p.bits}`).join(", ")}.`,
      );
  },
);
