// How the lab's Enterprise CA decides a certificate request (issue 14: "Request a certificate as…", certreq
// -submit): the order and texts of the real CA's policy module ([MS-WCCE] 3.2.2.6.2.1.4, S52; CA error codes of
// rules-reference.md D.4). Pure: the API issues the real certificate (packages/pki) when the decision is "issued".
import { labIndex } from "./lab-index";
import type { AdAccount, CertificateTemplate, CertificationAuthority, LabSnapshot } from "./snapshot";

export type RequestedSan = { type: "upn" | "dns"; value: string };

export const CA_STATUS = {
  templateDenied: {
    code: "0x80094012",
    message: "The permissions on the certificate template do not allow the current user to enroll for this type of certificate. 0x80094012 (-2146877422 CERTSRV_E_TEMPLATE_DENIED)",
  },
  enrollDenied: {
    code: "0x80094011",
    message: "The permissions on this certification authority do not allow the current user to enroll for certificates. 0x80094011 (-2146877423 CERTSRV_E_ENROLL_DENIED)",
  },
  unsupportedTemplate: {
    code: "0x80094800",
    message: "The requested certificate template is not supported by this CA. 0x80094800 (-2146875392 CERTSRV_E_UNSUPPORTED_CERT_TYPE)",
  },
  badSubject: {
    code: "0x80094001",
    message: "The request subject name is invalid or too long. 0x80094001 (-2146877439 CERTSRV_E_BAD_REQUESTSUBJECT)",
  },
  keyLength: {
    code: "0x80094811",
    message: "The public key does not meet the minimum size required by the specified certificate template. 0x80094811 (-2146875375 CERTSRV_E_KEY_LENGTH)",
  },
  signatureCount: {
    code: "0x80094809",
    message: "The request is missing one or more required signatures. 0x80094809 (-2146875383 CERTSRV_E_SIGNATURE_COUNT)",
  },
  accountDisabled: {
    code: "0x80070533",
    message: "Logon failure: account currently disabled. 0x80070533 (WIN32: 1331 ERROR_ACCOUNT_DISABLED)",
  },
  pending: { code: "0x5", message: "Taken Under Submission. The request is pending CA manager approval." },
} as const;

export type CaRequestInput = {
  account: AdAccount;
  template: CertificateTemplate;
  /** Subject DN from the request (the body, else the CSR). */
  subject?: string;
  /** SANs from the request (the body, else the CSR's extension). */
  subjectAlternativeNames: RequestedSan[];
  /** Public key size of the CSR, when one was sent. */
  keySize?: number;
};

export type CaDecision =
  | {
      disposition: "issued";
      subject: string;
      subjectAlternativeNames: RequestedSan[];
      eku: string[];
      validityDays: number;
      /** Why the SAN is what it is, in words (shown beside the certificate). */
      notes: string[];
    }
  | { disposition: "pending" | "failed"; statusCode: string; statusMessage: string; subject: string };

const VALIDITY_DAYS = { hours: 1 / 24, days: 1, weeks: 7, months: 30, years: 365 } as const;

/** The subject and SAN a template that builds from AD writes for `account` (User: CN=name, SAN UPN; Machine: DNS). */
export function subjectFromAd(lab: LabSnapshot, account: AdAccount): { subject: string; sans: RequestedSan[] } {
  const dcs = lab.forest.name.split(".").filter(Boolean).map((p) => `DC=${p}`).join(",");
  if (account.kind === "computer") {
    const host = `${account.samAccountName.replace(/\$$/, "").toLowerCase()}.${lab.forest.name}`;
    return { subject: `CN=${host}`, sans: [{ type: "dns", value: host }] };
  }
  const cn = account.displayName ?? account.samAccountName;
  return { subject: `CN=${cn},CN=Users${dcs ? `,${dcs}` : ""}`, sans: account.userPrincipalName ? [{ type: "upn", value: account.userPrincipalName }] : [] };
}

/** The lab CA's answer to a request for `input.template` by `input.account`. The template must already be one the
 * CA issues (the API refuses others with 400, as certreq does before submitting). */
export function decideCaRequest(lab: LabSnapshot, ca: CertificationAuthority, input: CaRequestInput): CaDecision {
  const ix = labIndex(lab);
  const { account, template } = input;
  const asked = input.subject ?? "";
  const fail = (s: { code: string; message: string }, disposition: "failed" | "pending" = "failed"): CaDecision => ({ disposition, statusCode: s.code, statusMessage: s.message, subject: asked });
  if (!account.enabled) return fail(CA_STATUS.accountDisabled);
  // CA Security tab: Request Certificates.
  if (!ix.covers(ca.acl.filter((a) => a.request).map((a) => a.principal), account)) return fail(CA_STATUS.enrollDenied);
  // Template Security tab: Enroll (MS-WCCE "Verify End Entity Permissions").
  if (!ix.covers(template.security.filter((a) => a.enroll).map((a) => a.principal), account)) return fail(CA_STATUS.templateDenied);
  if (template.issuanceRequirements.authorizedSignatures > 0) return fail(CA_STATUS.signatureCount);
  if (input.keySize !== undefined && input.keySize < template.minimumKeySize) return fail(CA_STATUS.keyLength);

  const notes: string[] = [];
  let subject: string;
  let sans: RequestedSan[];
  if (template.subjectName === "supplyInRequest") {
    // "Supply in the request": the CA writes what the requester asked for — the reason ESC1 exists.
    subject = asked;
    sans = input.subjectAlternativeNames;
    if (!subject && !sans.length) return fail(CA_STATUS.badSubject);
    // An empty subject with a SAN is legal; the lab writes CN=<first SAN> so that every console can name the certificate.
    if (!subject) subject = `CN=${sans[0]!.value}`;
    notes.push(`'${template.displayName}' takes the subject and SAN from the request.`);
  } else {
    const fromAd = subjectFromAd(lab, account);
    subject = fromAd.subject;
    sans = fromAd.sans;
    notes.push(`'${template.displayName}' builds the subject from Active Directory (${account.domain}\\${account.samAccountName}).`);
    if (input.subjectAlternativeNames.length) {
      if (ca.editFlags.includes("EDITF_ATTRIBUTESUBJECTALTNAME2")) {
        sans = input.subjectAlternativeNames;
        notes.push(`EDITF_ATTRIBUTESUBJECTALTNAME2 is set on '${ca.name}': the SAN attribute of the request replaces the one from AD (ESC6).`);
      } else notes.push("The requested SAN was ignored: the template builds it from AD and EDITF_ATTRIBUTESUBJECTALTNAME2 is not set.");
    }
  }
  if (ca.dnLengthEnforced && subject.split(/,(?=\s*[A-Za-z][A-Za-z0-9.]*=)/).some((rdn) => rdn.replace(/^\s*[^=]+=/, "").length > 64)) return fail(CA_STATUS.badSubject);
  if (template.issuanceRequirements.caManagerApproval) return { ...fail(CA_STATUS.pending, "pending"), subject };

  const caLeft = Math.floor((Date.parse(ca.certificate.notAfter) - (lab.asOf ? Date.parse(lab.asOf) : Date.now())) / 86_400_000);
  const validityDays = Math.max(1, Math.min(Math.round(VALIDITY_DAYS[template.validity.unit] * template.validity.value), caLeft));
  return { disposition: "issued", subject, subjectAlternativeNames: sans, eku: [...template.applicationPolicies], validityDays, notes };
}
