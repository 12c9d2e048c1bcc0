// A.2: the tabs of the SCEP certificate template — the template(s) the MSCEP registry names (S1, S10, S5;
// 002_823a4c777ce30773.txt "Create the SCEP certificate template"; 001_6feb1c2e8b30dee5.txt).
import type { LabIndex } from "../../../lab/lab-index";
import { EKU, type CertificateTemplate } from "../../../lab/snapshot";
import { validityDays } from "../../../lab/lab-index";
import { configuredNdes, labRule, q, ref } from "../lab-rule";

/** Every SCEP template named by a configured NDES, once. */
export function allScepTemplates(ix: LabIndex): CertificateTemplate[] {
  const map = new Map<string, CertificateTemplate>();
  for (const c of configuredNdes(ix)) for (const t of c.scepTemplates) map.set(t.id, t);
  return [...map.values()];
}

export const TPL_NOT_V2 = labRule(
  {
    code: "TPL_NOT_V2",
    severity: "warning",
    title: "The SCEP template is not a v2 template",
    why: 'The documented SCEP template is "a v2 Certificate Template (with Windows 2003 compatibility)"; v1 templates can\'t be edited and v3/v4 (CNG) templates are not what the guidance tested.',
    fix: "Duplicate (e.g. Web Server/User) with Windows Server 2003 compatibility",
    symptom: "none documented for SCEP template",
    sources: ["S1", "S10", "002_823a4c777ce30773.txt"],
  },
  (_lab, ix, report) => {
    for (const t of allScepTemplates(ix))
      if (t.schemaVersion !== 2)
        report([ref.template(t)], `Template ${q(t.name)} is a version ${t.schemaVersion} template (Compatibility: Certification Authority Windows Server ${t.compatibility.ca}).`);
  },
);

export const TPL_SUBJECT_NOT_SUPPLY_IN_REQUEST = labRule(
  {
    code: "TPL_SUBJECT_NOT_SUPPLY_IN_REQUEST",
    severity: "error",
    title: "The SCEP template builds the subject from Active Directory",
    why: "Intune puts the device's or user's subject and SAN in the request; with \"Build from this Active Directory information\" the CA ignores them and builds the subject from the requester, the NDES service account.",
    fix: 'Subject Name tab > **Supply in the request** ("The Intune policy module for NDES enforces security.")',
    symptom:
      'Per MS-WCCE the CA "MUST ignore any subject name information provided in the certificate request" and builds it from the requester (the NDES service account) → cert does not carry the Intune subject/SAN, or CA denies if the AD attribute is missing (e.g. CERTSRV_E_SUBJECT_EMAIL_REQUIRED) — exact denial UNCONFIRMED',
    sources: ["S1", "S52", "002_823a4c777ce30773.txt"],
  },
  (_lab, ix, report) => {
    for (const t of allScepTemplates(ix))
      if (t.subjectName !== "supplyInRequest")
        report([ref.template(t)], `Template ${q(t.name)} › Subject Name is "Build from this Active Directory information".`);
  },
);

export const TPL_NO_CLIENT_AUTH_EKU = labRule(
  {
    code: "TPL_NO_CLIENT_AUTH_EKU",
    severity: "warning",
    title: "The SCEP template has no Client Authentication application policy",
    why: "Certificates for Wi-Fi, VPN and other authentication need the Client Authentication EKU; seed 002 has the template's Application Policies include it.",
    fix: 'Add **Client Authentication**; "Only add the application policies that you require."',
    symptom: "none documented",
    sources: ["S1", "002_823a4c777ce30773.txt"],
  },
  (_lab, ix, report) => {
    for (const t of allScepTemplates(ix))
      if (!t.applicationPolicies.includes(EKU.clientAuthentication))
        report([ref.template(t)], `Application Policies of ${q(t.name)} are ${t.applicationPolicies.join(", ") || "empty"}, without Client Authentication (${EKU.clientAuthentication}).`);
  },
);

export const TPL_PUBLISH_IN_AD_CHECKED = labRule(
  {
    code: "TPL_PUBLISH_IN_AD_CHECKED",
    severity: "warning",
    title: "The SCEP template publishes certificates in Active Directory",
    why: "Devices' SCEP certificates have no AD object to be published to; the guidance unchecks the option.",
    fix: "Uncheck **Publish certificate in Active Directory**",
    symptom: "none documented",
    sources: ["S1", "002_823a4c777ce30773.txt"],
  },
  (_lab, ix, report) => {
    for (const t of allScepTemplates(ix))
      if (t.publishInAd) report([ref.template(t)], `Template ${q(t.name)} › General › "Publish certificate in Active Directory" is checked.`);
  },
);

export const TPL_VALIDITY_LT_5_DAYS = labRule(
  {
    code: "TPL_VALIDITY_LT_5_DAYS",
    severity: "warning",
    title: "The SCEP template's validity period is under five days",
    why: "A certificate that is near expiry when it arrives is rejected by the MDM agent on devices.",
    fix: "≥ 5 days",
    symptom:
      '"there\'s a high likelihood of the certificate entering a near-expiry or expired state, which can cause the MDM agent on devices to reject the certificate before it\'s installed."',
    sources: ["S1", "S5", "002_823a4c777ce30773.txt"],
  },
  (_lab, ix, report) => {
    for (const t of allScepTemplates(ix))
      if (validityDays(t.validity) < 5)
        report([ref.template(t)], `Template ${q(t.name)} › Validity period is ${t.validity.value} ${t.validity.unit}.`);
  },
);

export const TPL_EXPORTABLE_KEY = labRule(
  {
    code: "TPL_EXPORTABLE_KEY",
    severity: "info",
    title: "The SCEP template allows the private key to be exported",
    why: "The device generates the key; seed 004's best practice is a non-exportable key.",
    fix: "none required",
    symptom:
      'no Microsoft requirement found (the device generates the key; template Request Handling screenshot is "an example. Your configuration might vary.") — UNCONFIRMED',
    sources: ["S1", "004_0623edc70b4e3354.txt"],
  },
  (_lab, ix, report) => {
    for (const t of allScepTemplates(ix))
      if (t.allowPrivateKeyExport) report([ref.template(t)], `Template ${q(t.name)} › Request Handling › "Allow private key to be exported" is checked.`);
  },
);
