// How a lab rule is written: the rule's data plus a check over the LabSnapshot and its LabIndex (built once per
// snapshot). `report(objects, message)` makes a finding carrying the rule's texts.
import { labIndex, type LabIndex, type NdesContext } from "../../lab/lab-index";
import type {
  AdAccount,
  AppProxyConnector,
  CertRef,
  CertificateTemplate,
  CertificationAuthority,
  IntuneCertificateConnector,
  LabServer,
  LabSnapshot,
  ReverseProxy,
} from "../../lab/snapshot";
import type { TenantSnapshot } from "../snapshot";
import { finding, type Finding, type ObjectRef, type Rule, type RuleArea, type Severity } from "../types";

export type LabRuleMeta = Omit<Rule, "check" | "area"> & { area?: RuleArea };
export type Report = (objects: ObjectRef[], message: string, opts?: { severity?: Severity; attackPath?: readonly string[] }) => void;
export type LabCheck = (lab: LabSnapshot, ix: LabIndex, report: Report, tenant: TenantSnapshot) => void;

export function labRule(meta: LabRuleMeta, check: LabCheck): Rule {
  const rule: Rule = {
    ...meta,
    area: meta.area ?? "lab",
    check(snapshot) {
      const lab = snapshot.lab;
      if (!lab) return [];
      const out: Finding[] = [];
      const report: Report = (objects, message, opts) => {
        const f = finding(rule, objects, message, opts?.attackPath);
        if (opts?.severity) f.severity = opts.severity;
        out.push(f);
      };
      check(lab, labIndex(lab), report, snapshot);
      return out;
    },
  };
  return rule;
}

/** Only configured NDES instances on a known server: most NDES rules read these. */
export function configuredNdes(ix: LabIndex): (NdesContext & { server: LabServer })[] {
  return ix.ndesContexts.filter((c): c is NdesContext & { server: LabServer } => c.ndes.configured && !!c.server);
}

export const ref = {
  server: (s: LabServer): ObjectRef => ({ type: "server", id: s.id, displayName: s.fqdn }),
  ca: (c: CertificationAuthority): ObjectRef => ({ type: "certificationAuthority", id: c.id, displayName: c.name }),
  template: (t: CertificateTemplate): ObjectRef => ({ type: "certificateTemplate", id: t.id, displayName: t.displayName }),
  ndes: (c: NdesContext): ObjectRef => ({ type: "ndes", id: c.ndes.id, displayName: `NDES on ${c.server?.fqdn ?? c.ndes.serverId}` }),
  account: (a: AdAccount): ObjectRef => ({ type: "adAccount", id: a.id, displayName: `${a.domain}\\${a.samAccountName}` }),
  certificate: (c: CertRef): ObjectRef => ({ type: "certificate", id: c.thumbprint, displayName: c.subject }),
  connector: (c: IntuneCertificateConnector, s?: LabServer): ObjectRef => ({
    type: "certificateConnector",
    id: c.id,
    displayName: `Certificate Connector on ${s?.fqdn ?? c.serverId}`,
  }),
  appProxyConnector: (c: AppProxyConnector, s?: LabServer): ObjectRef => ({
    type: "appProxyConnector",
    id: c.id,
    displayName: `Private network connector on ${s?.fqdn ?? c.serverId}`,
  }),
  reverseProxy: (p: ReverseProxy): ObjectRef => ({ type: "reverseProxy", id: p.id, displayName: p.displayName }),
};

export const accountName = (a: AdAccount): string => `${a.domain}\\${a.samAccountName}`;
export const q = (s: string): string => `'${s}'`;

/** The account a Certificate Connector acts as: a domain account, or with SYSTEM the server's computer account. */
export function connectorAccount(ix: LabIndex, c: IntuneCertificateConnector): AdAccount | undefined {
  if (c.serviceAccount.toUpperCase() === "SYSTEM") {
    const server = ix.serversById.get(c.serverId);
    return server ? ix.computerAccount(server) : undefined;
  }
  return ix.accountsById.get(c.serviceAccount) ?? ix.account(c.serviceAccount);
}
