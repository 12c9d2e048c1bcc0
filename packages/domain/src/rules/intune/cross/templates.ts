// The SCEP profile against what NDES and the CA will do with its request: the MSCEP registry value its key usage
// selects, and the template behind it (key size, validity, key usage). Silent without a lab.
import { MSCEP_DEFAULT_TEMPLATE } from "../../../lab/snapshot";
import { KEY_SIZE_BITS } from "../../../intune/enums";
import { isApplePlatform } from "../../../intune/profile-types";
import { intuneRule, named, ref } from "../intune-rule";
import { profileValidity } from "../scep/validity";
import {
  describeTemplateValidity,
  KEY_USAGE_LABEL,
  labOf,
  labRef,
  mscepValueFor,
  ndesForProfile,
  templateForProfile,
  templateValidityDays,
} from "./cross-context";

export const PROF_KEYUSAGE_REGISTRY_MISMATCH = intuneRule(
  {
    code: "PROF_KEYUSAGE_REGISTRY_MISMATCH",
    severity: "error",
    title: "The profile's key usage makes NDES read a registry value that doesn't hold the SCEP template",
    why:
      "NDES picks the template by the key usage the device requests: Digital signature → SignatureTemplate, Key " +
      "encipherment → EncryptionTemplate, both → GeneralPurposeTemplate. That value must hold the template name.",
    fix:
      "Align the key usage with the registry value and the template's Purpose: write the template name into the " +
      "value the key usage selects (or select the key usage that matches the value you set).",
    symptom:
      'see NDES_TEMPLATE_REGISTRY_PURPOSE_MISMATCH: request lands on the default/other template → 0x80094800 or wrong cert; ' +
      'script warnings "SignatureTemplate key does not match the SCEP certificate template name. Unless your template ' +
      'is explicitly set for the "Signature" purpose, this can safely be ignored."',
    sources: ["S1", "001_6feb1c2e8b30dee5.txt", "002_823a4c777ce30773.txt"],
  },
  (ix, report, snapshot) => {
    const lab = labOf(snapshot);
    if (!lab) return;
    for (const c of ix.scep) {
      const ndes = ndesForProfile(c, lab, snapshot.entra);
      const value = mscepValueFor(c.settings.keyUsage);
      if (!ndes || !value || !ndes.ndes.mscepRegistry.present) continue;
      const resolved = ndes.registry[value];
      if (resolved?.by === "name" && resolved.template && resolved.value !== MSCEP_DEFAULT_TEMPLATE) continue;
      const holds = ndes.ndes.mscepRegistry[value];
      const found =
        holds === undefined || holds === ""
          ? `${value} is empty`
          : holds === MSCEP_DEFAULT_TEMPLATE
            ? `${value} still holds '${MSCEP_DEFAULT_TEMPLATE}' (the default)`
            : resolved?.by === "displayName"
              ? `${value} holds '${holds}', the display name of template '${resolved.template?.name}'`
              : `${value} holds '${holds}', which is not a template name`;
      const elsewhere = ndes.scepTemplates.map((t) => t.name);
      const where = (["SignatureTemplate", "EncryptionTemplate", "GeneralPurposeTemplate"] as const).filter(
        (v) => v !== value && elsewhere.includes(ndes.ndes.mscepRegistry[v] ?? ""),
      );
      const hint = where.length ? `; the SCEP template '${ndes.ndes.mscepRegistry[where[0]!]}' is in ${where.join(" and ")}` : "";
      report(
        [ref.scep(c), labRef.ndes(ndes)],
        `SCEP profile ${named(c.profile)} has key usage ${KEY_USAGE_LABEL[value]}, so NDES on ${ndes.server?.fqdn} reads ${value}: ${found}${hint}.`,
      );
    }
  },
);

export const PROF_KEYSIZE_BELOW_TEMPLATE_MIN = intuneRule(
  {
    code: "PROF_KEYSIZE_BELOW_TEMPLATE_MIN",
    severity: "error",
    title: "The profile's key size is below the template's minimum key size",
    why: "The CA denies a request whose public key is shorter than the template's Cryptography › Minimum key size.",
    fix: "Raise the profile's key size, or lower the template's minimum key size.",
    symptom:
      'see TPL_MIN_KEY_SIZE_GT_PROFILE: "The public key does not meet the minimum size required by the specified ' +
      'certificate template. 0x80094811 (-2146875375 CERTSRV_E_KEY_LENGTH) Denied by Policy Module"',
    sources: ["S49"],
  },
  (ix, report, snapshot) => {
    const lab = labOf(snapshot);
    if (!lab) return;
    for (const c of ix.scep) {
      const ndes = ndesForProfile(c, lab, snapshot.entra);
      const t = ndes && templateForProfile(c, ndes);
      if (!t || !c.settings.keySize) continue;
      const bits = KEY_SIZE_BITS[c.settings.keySize];
      if (bits < t.minimumKeySize)
        report(
          [ref.scep(c), labRef.template(t)],
          `SCEP profile ${named(c.profile)} asks for ${bits}-bit keys; template '${t.name}' requires at least ${t.minimumKeySize}.`,
        );
    }
  },
);

export const PROF_VALIDITY_GT_TEMPLATE = intuneRule(
  {
    code: "PROF_VALIDITY_GT_TEMPLATE",
    severity: "warning",
    title: "The profile's validity period is longer than the template's",
    why: "The CA never issues a certificate for longer than the template allows; the profile's value isn't honoured.",
    fix: "Set the profile's validity to the template's or lower.",
    symptom:
      'not honoured ("You can enter a value that is lower than the validity period in the certificate template, but not higher.")',
    sources: ["S5"],
  },
  (ix, report, snapshot) => {
    const lab = labOf(snapshot);
    if (!lab) return;
    for (const c of ix.scep) {
      if (isApplePlatform(c.platform)) continue; // Apple always uses the template's value (PROF_VALIDITY_CUSTOM_APPLE)
      const ndes = ndesForProfile(c, lab, snapshot.entra);
      const t = ndes && templateForProfile(c, ndes);
      const v = profileValidity(c);
      if (t && v && v.days > templateValidityDays(t) + 1e-9)
        report(
          [ref.scep(c), labRef.template(t)],
          `SCEP profile ${named(c.profile)} asks for ${v.text}; template '${t.name}' issues for ${describeTemplateValidity(t)}.`,
        );
    }
  },
);

export const PROF_VALIDITY_CUSTOM_WITHOUT_EDITF = intuneRule(
  {
    code: "PROF_VALIDITY_CUSTOM_WITHOUT_EDITF",
    severity: "warning",
    title: "The profile asks for a shorter validity, but the CA ignores requested end dates",
    why:
      "A validity lower than the template's is honoured only when the CA has EDITF_ATTRIBUTEENDDATE set; otherwise " +
      "every certificate gets the template's validity.",
    fix: "`certutil -setreg Policy\\EditFlags +EDITF_ATTRIBUTEENDDATE` then `net stop certsvc` / `net start certsvc`",
    symptom: "see CA_EDITF_ATTRIBUTEENDDATE_MISSING: profile value silently not honoured; certificate gets the template validity",
    sources: ["S1", "S10", "002_823a4c777ce30773.txt"],
  },
  (ix, report, snapshot) => {
    const lab = labOf(snapshot);
    if (!lab) return;
    for (const c of ix.scep) {
      if (isApplePlatform(c.platform)) continue;
      const ndes = ndesForProfile(c, lab, snapshot.entra);
      const t = ndes && templateForProfile(c, ndes);
      const ca = ndes?.ca;
      const v = profileValidity(c);
      if (!t || !ca || !v || v.days >= templateValidityDays(t) - 1e-9) continue;
      if (ca.editFlags.includes("EDITF_ATTRIBUTEENDDATE")) continue;
      report(
        [ref.scep(c), labRef.ca(ca)],
        `SCEP profile ${named(c.profile)} asks for ${v.text}, less than template '${t.name}' (${describeTemplateValidity(t)}), ` +
          `but '${ca.name}' doesn't have EDITF_ATTRIBUTEENDDATE: certificates get ${describeTemplateValidity(t)}.`,
      );
    }
  },
);

export const PROF_VALIDITY_CUSTOM_APPLE = intuneRule(
  {
    code: "PROF_VALIDITY_CUSTOM_APPLE",
    severity: "info",
    title: "An Apple profile's validity period is ignored",
    why: "iOS/iPadOS and macOS certificates always get the template's validity period.",
    fix: "Rely on the template's validity period.",
    symptom: 'ignored: "For iOS/iPadOS and macOS, always use a value set in the template." / "iOS and macOS always use the value set in the template"',
    sources: ["S1", "S10"],
  },
  (ix, report, snapshot) => {
    const lab = labOf(snapshot);
    if (!lab) return;
    for (const c of ix.scep) {
      if (!isApplePlatform(c.platform)) continue;
      const ndes = ndesForProfile(c, lab, snapshot.entra);
      const t = ndes && templateForProfile(c, ndes);
      const v = profileValidity(c);
      if (t && v && Math.abs(v.days - templateValidityDays(t)) > 1e-9)
        report(
          [ref.scep(c), labRef.template(t)],
          `SCEP profile ${named(c.profile)} asks for ${v.text}; the devices get template '${t.name}''s ${describeTemplateValidity(t)}.`,
        );
    }
  },
);

export const TPL_APPLE_NONREPUDIATION = intuneRule(
  {
    code: "TPL_APPLE_NONREPUDIATION",
    severity: "error",
    title: "The template of an Apple SCEP profile has Signature is proof of origin",
    why: "iOS/iPadOS and macOS SCEP templates must not carry nonrepudiation in Key Usage.",
    fix:
      '"For iOS/iPadOS and macOS certificate templates, also edit Key Usage and make sure Signature is proof of origin isn\'t selected."',
    symptom: "device-side error UNCONFIRMED",
    sources: ["S1", "S10", "002_823a4c777ce30773.txt"],
  },
  (ix, report, snapshot) => {
    const lab = labOf(snapshot);
    if (!lab) return;
    for (const c of ix.scep) {
      if (!isApplePlatform(c.platform)) continue;
      const ndes = ndesForProfile(c, lab, snapshot.entra);
      const t = ndes && templateForProfile(c, ndes);
      if (t?.keyUsage.nonRepudiation)
        report(
          [labRef.template(t), ref.scep(c)],
          `Template '${t.name}', used by SCEP profile ${named(c.profile)}, has "Signature is proof of origin (nonrepudiation)" selected.`,
        );
    }
  },
);
