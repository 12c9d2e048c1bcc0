// Who can reach what on the lab's AD CS, as the ESC rules (issue 14) and the lab CA's request evaluation read it.
// Conditions follow Certipy (ly4k/Certipy certipy/commands/find.py: _determine_template_capabilities,
// get_template_vulnerabilities, get_ca_vulnerabilities); where Certlab differs the rule's `why` says so.
import { principalKey, type LabIndex } from "../../../lab/lab-index";
import { EKU, type CertificateTemplate, type CertificationAuthority, type LabSnapshot } from "../../../lab/snapshot";

/** The principals any domain user is (or can become: MachineAccountQuota lets every user add a computer). */
export const BROAD_PRINCIPALS = ["Everyone", "Authenticated Users", "Domain Users", "Domain Computers", "Users"] as const;

/** EKUs a KDC or Schannel accepts for logon (Certipy's client_authentication, plus Any Purpose / no EKU). */
export const AUTHENTICATION_EKUS: Readonly<Record<string, string>> = {
  [EKU.clientAuthentication]: "Client Authentication",
  [EKU.smartCardLogon]: "Smart Card Logon",
  [EKU.pkinitClientAuthentication]: "PKINIT Client Authentication",
  [EKU.anyPurpose]: "Any Purpose",
};

const broadCache = new WeakMap<LabSnapshot, ReadonlySet<string>>();

/** Lower-case names of the broad principals and of every AD group that contains one of them (nesting followed). */
export function broadGroupNames(ix: LabIndex): ReadonlySet<string> {
  const hit = broadCache.get(ix.lab);
  if (hit) return hit;
  const seen = new Set<string>();
  const queue: string[] = BROAD_PRINCIPALS.map((p) => p.toLowerCase());
  while (queue.length) {
    const name = queue.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    for (const parent of ix.groupsByName.get(name)?.memberOf ?? []) queue.push(principalKey(parent));
  }
  broadCache.set(ix.lab, seen);
  return seen;
}

export const isBroad = (ix: LabIndex, principal: string): boolean => broadGroupNames(ix).has(principalKey(principal));

/** No EKU at all, or Any Purpose: the certificate is good for everything (Certipy's any_purpose). */
export const isAnyPurpose = (t: Pick<CertificateTemplate, "applicationPolicies">): boolean =>
  t.applicationPolicies.length === 0 || t.applicationPolicies.includes(EKU.anyPurpose);

/** The EKU that makes a certificate of the template good for logon, in words; undefined when none does. */
export function authenticationEku(t: Pick<CertificateTemplate, "applicationPolicies">): string | undefined {
  if (t.applicationPolicies.length === 0) return "no EKU (any purpose)";
  for (const oid of t.applicationPolicies) if (AUTHENTICATION_EKUS[oid]) return AUTHENTICATION_EKUS[oid];
  return undefined;
}

export const isEnterprise = (ca: CertificationAuthority): boolean => ca.type.startsWith("enterprise");
export const publishes = (ca: CertificationAuthority, t: CertificateTemplate): boolean =>
  isEnterprise(ca) && ca.templatesToIssue.some((n) => n.toLowerCase() === t.name.toLowerCase());
export const needsNoApproval = (t: CertificateTemplate): boolean =>
  !t.issuanceRequirements.caManagerApproval && t.issuanceRequirements.authorizedSignatures === 0;

/** A template reachable by anyone: an Enterprise CA of the lab issues it, with no manager approval and no
 * authorized signature, a broad principal has Enroll or Autoenroll on it, and a broad principal holds Request
 * Certificates on that CA (Authenticated Users does by default). The last condition is Certlab's addition: the real
 * CA refuses a requester without it, whatever the template says. */
export type Reach = { ca: CertificationAuthority; template: CertificateTemplate; principals: string[] };

export function reachableTemplates(lab: LabSnapshot, ix: LabIndex): Reach[] {
  const out: Reach[] = [];
  for (const ca of lab.cas) {
    if (!isEnterprise(ca)) continue;
    if (!ca.acl.some((a) => a.request && isBroad(ix, a.principal))) continue;
    for (const name of ca.templatesToIssue) {
      const template = ix.templatesByName.get(name.toLowerCase());
      if (!template || !needsNoApproval(template)) continue;
      const principals = template.security.filter((a) => (a.enroll || a.autoenroll) && isBroad(ix, a.principal)).map((a) => a.principal);
      if (principals.length) out.push({ ca, template, principals });
    }
  }
  return out;
}

/** The computer accounts of servers that run NDES (seed 002 gives NDES01$ Issue and Manage Certificates). */
export function ndesComputerNames(ix: LabIndex): ReadonlySet<string> {
  const names = new Set<string>();
  for (const c of ix.ndesContexts) {
    const acct = c.server ? ix.computerAccount(c.server) : undefined;
    if (acct) names.add(acct.samAccountName.toLowerCase());
  }
  return names;
}

/** The NDES service accounts' sAMAccountNames, lower-case. */
export function ndesServiceAccountNames(ix: LabIndex): ReadonlySet<string> {
  return new Set(ix.ndesContexts.flatMap((c) => (c.serviceAccount ? [c.serviceAccount.samAccountName.toLowerCase()] : [])));
}

export const who = (principals: readonly string[]): string => principals.join(", ");
