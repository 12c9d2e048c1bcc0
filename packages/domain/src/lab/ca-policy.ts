// What an Enterprise CA answers to a certificate request, and which template NDES submits with. One source for
// the consoles' "Request New Certificate" and for NDES's SCEP PKIOperation (issue 10): the template must be issued
// by the CA, readable and enrollable by the requester, the requester needs Request Certificates on the CA, the key
// must meet the template's minimum size and the subject the 64-character RDN limit (rules-reference.md Part B
// Hop 6: NDES Event 31 texts, 0x80094800 / 0x80094012 / 0x80094811 / 0x80094001; seed 002).
import type { AdAccount, CertificateTemplate, CertificationAuthority, LabServer, MscepRegistry } from "./snapshot";
import type { LabIndex, MscepValueName } from "./lab-index";

export type CaFailure = {
  /** The CA's status code, e.g. "0x80094800". */
  code: string;
  /** certsrv.msc › Failed Requests › Status message (and NDES Event 31's %2). */
  message: string;
  /** The rule codes that name this cause. */
  reasonCodes: string[];
};

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export const CA_UNSUPPORTED_TEMPLATE = "The requested certificate template is not supported by this CA. 0x80094800 (-2146875392 CERTSRV_E_UNSUPPORTED_CERT_TYPE)";
export const CA_RPC_UNAVAILABLE = "The RPC server is unavailable. 0x800706ba (WIN32: 1722 RPC_S_SERVER_UNAVAILABLE)";

/**
 * The CA's decision on a request by `requester` (the account the request is submitted as) for `template`:
 * undefined = issue, otherwise the failure the CA records in Failed Requests.
 */
export function caDecision(
  ix: Pick<LabIndex, "covers">,
  req: {
    ca: CertificationAuthority;
    template: CertificateTemplate | undefined;
    requester: AdAccount | undefined;
    server?: LabServer;
    keySize: number;
    subject: string;
    /** RPC/DCOM from the requester's server to the CA is open (LabNetwork.ndesToCaRpcOpen for NDES). */
    rpcOpen?: boolean;
  },
): CaFailure | undefined {
  const { ca, template, requester, server } = req;
  if (!ca.running) return { code: "0x800706ba", message: CA_RPC_UNAVAILABLE, reasonCodes: [] };
  if (req.rpcOpen === false) return { code: "0x800706ba", message: CA_RPC_UNAVAILABLE, reasonCodes: ["NET_NDES_TO_INFRA_BLOCKED"] };
  if (!template || !ca.type.startsWith("enterprise") || !ca.templatesToIssue.some((t) => sameName(t, template.name)))
    return { code: "0x80094800", message: CA_UNSUPPORTED_TEMPLATE, reasonCodes: template ? ["CA_TEMPLATE_NOT_PUBLISHED"] : ["NDES_TEMPLATE_REGISTRY_DISPLAY_NAME"] };
  if (!requester || !template.security.some((a) => a.enroll && ix.covers([a.principal], requester, server)) || !template.security.some((a) => a.read && ix.covers([a.principal], requester, server)))
    return {
      code: "0x80094012",
      message: "The permissions on the certificate template do not allow the current user to enroll for this type of certificate. 0x80094012 (-2146877422 CERTSRV_E_TEMPLATE_DENIED)",
      reasonCodes: ["TPL_ACL_NDES_READ_ENROLL"],
    };
  if (!ca.acl.some((a) => a.request && ix.covers([a.principal], requester, server)))
    return { code: "0x80094011", message: "Denied by Policy Module. The requester does not have Request Certificates permission on the CA.", reasonCodes: ["CA_REQUEST_PERMISSION_MISSING"] };
  if (req.keySize < template.minimumKeySize)
    return {
      code: "0x80094811",
      message: "The public key does not meet the minimum size required by the specified certificate template. 0x80094811 (-2146875375 CERTSRV_E_KEY_LENGTH)",
      reasonCodes: ["TPL_MIN_KEY_SIZE_GT_PROFILE"],
    };
  if (ca.dnLengthEnforced && req.subject.split(/,\s*/).some((rdn) => rdn.replace(/^[^=]*=/, "").length > 64))
    return { code: "0x80094001", message: "The request subject name is invalid or too long. 0x80094001 (-2146877439 CERTSRV_E_BAD_REQUESTSUBJECT)", reasonCodes: ["CA_DN_LENGTH_ENFORCED"] };
  return undefined;
}

/**
 * The MSCEP registry value NDES reads for a request's key usage (S1): digital signature only → SignatureTemplate,
 * key encipherment only → EncryptionTemplate, both (or none requested) → GeneralPurposeTemplate.
 */
export function mscepValueFor(keyUsage: readonly string[] | undefined): MscepValueName {
  const sig = !!keyUsage?.includes("digitalSignature");
  const enc = !!keyUsage?.includes("keyEncipherment");
  if (sig && !enc) return "SignatureTemplate";
  if (enc && !sig) return "EncryptionTemplate";
  return "GeneralPurposeTemplate";
}

/** The template NDES submits with: the registry value's template, by NAME (a display name is not found). */
export function ndesTemplateFor(registry: MscepRegistry, templates: readonly CertificateTemplate[], keyUsage: readonly string[] | undefined) {
  const valueName = mscepValueFor(keyUsage);
  const templateName = registry[valueName] ?? "";
  const template = templates.find((t) => sameName(t.name, templateName));
  return { valueName, templateName, template };
}

/** Validity in days of a template's Validity period. */
export function templateValidityDays(t: Pick<CertificateTemplate, "validity">): number {
  return Math.max(1, Math.round({ hours: 1 / 24, days: 1, weeks: 7, months: 30, years: 365 }[t.validity.unit] * t.validity.value));
}
