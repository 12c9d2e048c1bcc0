// Catalogue A.6 PROF_STRONG_MAPPING_SID_MISSING (S5 b28bf05c), closed by issue 14: a SCEP certificate used to log on
// to Active Directory (KDC certificate-based authentication) needs the strong mapping of KB5014754, the URI SAN
// {{OnPremisesSecurityIdentifier}} that Intune turns into tag:microsoft.com,2022-09-14:sid:<SID>.
import { EKU } from "../../../lab/snapshot";
import { labIndex } from "../../../lab/lab-index";
import { intuneRule, named, ref } from "../intune-rule";

/** EKUs that make a certificate a Windows logon certificate (the KDC maps it to an AD account). */
const LOGON_EKUS: Readonly<Record<string, string>> = { [EKU.smartCardLogon]: "Smart Card Logon", [EKU.pkinitClientAuthentication]: "PKINIT Client Authentication" };
const SID_VARIABLE = /\{\{\s*OnPremisesSecurityIdentifier\s*\}\}/i;

export const PROF_STRONG_MAPPING_SID_MISSING = intuneRule(
  {
    code: "PROF_STRONG_MAPPING_SID_MISSING",
    severity: "warning",
    title: "A SCEP certificate used for Active Directory logon lacks the SID (KB5014754 strong mapping)",
    why:
      "Since KB5014754's full enforcement, a domain controller maps a logon certificate to an account strongly (by SID) or refuses it. SCEP certificates carry the SID when the profile adds the URI SAN {{OnPremisesSecurityIdentifier}} (Intune appends tag:microsoft.com,2022-09-14:sid:<value>); supported for user certificates on macOS, iOS/iPadOS and Windows and for device certificates on hybrid-joined Windows. Certlab reports it when the certificate is evidently meant for Windows logon (a Smart Card Logon or PKINIT EKU in the profile or in the lab's SCEP template); a Client Authentication certificate for Wi-Fi or VPN is mapped by the RADIUS server, which Certlab does not model.",
    fix: "Subject alternative name: add Attribute **Uniform Resource Identifier (URI)** with value `{{OnPremisesSecurityIdentifier}}` (the user must be synchronized from on-premises AD).",
    symptom: 'after KB5014754 full enforcement "authentication will be denied"',
    sources: ["S5", "X3"],
  },
  (ix, report, snapshot) => {
    // The EKUs the lab's CA actually writes come from the SCEP template the MSCEP registry names.
    const lab = snapshot.lab;
    const templateEkus = new Set<string>();
    if (lab) for (const c of labIndex(lab).ndesContexts) for (const t of c.scepTemplates) for (const e of t.applicationPolicies) templateEkus.add(e);
    for (const c of ix.scep) {
      if (c.platform !== "iOS" && c.platform !== "macOS" && c.platform !== "windows") continue;
      if (c.platform === "macOS" && c.settings.certificateStore === "machine") continue;
      const ekus = [...c.settings.extendedKeyUsages.map((e) => e.objectIdentifier), ...templateEkus];
      const logon = ekus.map((e) => LOGON_EKUS[e]).find(Boolean);
      if (!logon) continue;
      const hasSid = c.settings.customSubjectAlternativeNames.some((s) => /universalResourceIdentifier/i.test(s.sanType) && SID_VARIABLE.test(s.name));
      if (hasSid) continue;
      report([ref.scep(c)], `SCEP profile ${named(c.profile)} issues ${logon} certificates without the URI SAN {{OnPremisesSecurityIdentifier}}: domain controllers in full enforcement refuse them.`);
    }
  },
);
