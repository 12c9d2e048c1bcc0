// Issue 14: for every AD CS security rule (ESC codes), correctLab() broken in exactly that one way — the setup
// still enrolls, and that code is the only security error or warning it yields. The API tests and the docs'
// "how the lab shows it" use the same breakers.
import { CORRECT_LAB_NAMES as N } from "./correct-lab";
import { duplicateTemplate, installFeatures } from "./defaults";
import { partsOf, variantsOf, type Breaker } from "./broken-variants";
import type { LabSnapshot } from "./snapshot";

const nb = N.forest.netbiosName;
const domainUsersEnroll = { principal: `${nb}\\Domain Users`, read: true, write: false, enroll: true, autoenroll: false };

/** The mistake the issue describes: the SCEP template duplicated from User keeps Domain Users Read + Enroll. */
export function grantDomainUsersEnrollOnScep(lab: LabSnapshot): void {
  partsOf(lab).scep.security.push({ ...domainUsersEnroll });
}

/** A version 2 copy of `source` that Domain Users can enroll on, published on the issuing CA. */
function publishedCopy(lab: LabSnapshot, source: string, displayName: string, patch: Parameters<typeof Object.assign>[1]): void {
  const p = partsOf(lab);
  const t = duplicateTemplate(lab.templates.find((x) => x.name === source)!, { displayName });
  Object.assign(t, patch);
  t.security = [...t.security.filter((a) => !a.principal.endsWith("Domain Users")), { ...domainUsersEnroll }];
  lab.templates.push(t);
  p.issuing.templatesToIssue.push(t.name);
}

const BREAKERS: Record<string, Breaker> = {
  ADCS_ESC1_ENROLLEE_SUPPLIES_SUBJECT: grantDomainUsersEnrollOnScep,
  // Built from AD, so no ESC1: only the missing EKU is the problem.
  ADCS_ESC2_ANY_PURPOSE: (l) => publishedCopy(l, "User", "Any Purpose User", { subjectName: "buildFromAd", applicationPolicies: [] }),
  // A version 2 enrollment agent template built from AD (the v1 Exchange Enrollment Agent would be ESC15 as well).
  ADCS_ESC3_ENROLLMENT_AGENT: (l) => publishedCopy(l, "EnrollmentAgentOffline", "Enrollment Agent", { subjectName: "buildFromAd" }),
  ADCS_ESC4_TEMPLATE_WRITE: (l) => {
    const ace = partsOf(l).scep.security.find((a) => a.principal.endsWith(`\\${N.serviceAccount}`))!;
    ace.write = true;
  },
  ADCS_ESC6_SAN_FLAG: (l) => void partsOf(l).issuing.editFlags.push("EDITF_ATTRIBUTESUBJECTALTNAME2"),
  ADCS_ESC7_CA_OFFICER_RIGHTS: (l) => void partsOf(l).issuing.acl.push({ principal: `${nb}\\Domain Users`, read: true, request: true, issueAndManage: true, manageCa: false }),
  // Seed 002's own grant: the correct lab already shows this info finding.
  ADCS_ESC7_NDES_COMPUTER_ISSUE_MANAGE: () => {},
  ADCS_ESC8_WEB_ENROLLMENT_NTLM: (l) => {
    const p = partsOf(l);
    const i = l.servers.indexOf(p.caSrv);
    l.servers[i] = installFeatures(p.caSrv, ["ADCS-Web-Enrollment"]);
  },
  ADCS_ESC11_RPC_NOT_ENCRYPTED: (l) => {
    const ca = partsOf(l).issuing;
    ca.interfaceFlags = (ca.interfaceFlags ?? []).filter((f) => f !== "IF_ENFORCEENCRYPTICERTREQUEST");
  },
  // Web Server is version 1 with Supply in the request and Server Authentication only: ESC15 and nothing else.
  ADCS_ESC15_V1_SUPPLIED_SUBJECT: (l) => void l.templates.find((t) => t.name === "WebServer")!.security.push({ ...domainUsersEnroll }),
};

/** code → correctLab() broken in exactly that way. */
export function securityBrokenVariants(opts: { now?: Date } = {}): Record<string, () => LabSnapshot> {
  return variantsOf(BREAKERS, opts);
}

export const SECURITY_VARIANT_CODES: readonly string[] = Object.keys(BREAKERS);

