// Guide: Intune NDES & SCEP explained (004_0623edc70b4e3354.txt) as a checklist: the best practices (two-tier PKI,
// NDES on its own server, connector not on the CA, 1:1 issuing CA to NDES, non-exportable keys, CRL published
// externally, Passthrough) and then the request flow a–f, each hop clear of the findings that break it
// (topology/request-flow.ts REQUEST_FLOW_HOPS, the same data Health's diagram shows).
import { REQUEST_FLOW_HOPS } from "../topology/request-flow";
import type { RequestFlowHopId } from "../topology/types";
import type { TenantSnapshot } from "../rules/snapshot";
import { fromSeed } from "./define";
import { STEP, browseNdesExternally, quiet } from "./steps";
import type { Guide, GuideStep } from "./types";

const F = "004_0623edc70b4e3354.txt";

const twoTierPki: GuideStep = {
  id: "two-tier-pki",
  title: "A two-tier PKI: an Enterprise issuing CA under a root CA",
  instruction: "Run a root CA and an Enterprise issuing CA under it; NDES talks to the issuing CA only.",
  screen: { portal: "lab", path: "/lab/ca", label: "Lab › Certification Authority" },
  source: { file: F, where: "Best practices: two-tier PKI" },
  blockingCodes: ["CA_NOT_ENTERPRISE", "CA_OS_UNSUPPORTED"],
  presetInFreshLab: "The fresh lab is built with seed 004's two-tier PKI (lab/fresh-lab.ts): the root and issuing CA exist before any guide starts.",
  check: (s, ix) => {
    const cas = s.lab?.cas ?? [];
    return cas.some((c) => !c.parentCaId) && cas.some((c) => !!c.parentCaId && c.type === "enterpriseSubordinate") && quiet(s, ix, ["CA_NOT_ENTERPRISE", "CA_OS_UNSUPPORTED"]);
  },
};

const leastPrivilege: GuideStep = {
  ...fromSeed(STEP.serviceAccount, F, "Best practices: a (g)MSA service account without admin rights"),
  id: "service-account-least-privilege",
  title: "A dedicated NDES service account, not a local administrator",
  instruction: "Run the SCEP application pool as a dedicated service account (a gMSA where possible) that is not in the NDES server's local Administrators.",
  blockingCodes: ["NDES_SVC_ACCOUNT_UNHEALTHY", "NDES_SVC_LOCAL_ADMIN"],
  check: (s, ix) => {
    const l = s.lab;
    const n = l?.ndes[0];
    const svc = n && l.accounts.find((a) => a.id === n.serviceAccountId);
    const admins = (n && l.servers.find((x) => x.id === n.serverId)?.localGroups.Administrators) ?? [];
    return !!svc && svc.kind === "serviceAccount" && !admins.some((m) => m.toLowerCase() === `${svc.domain}\\${svc.samAccountName}`.toLowerCase()) && quiet(s, ix, ["NDES_SVC_ACCOUNT_UNHEALTHY", "NDES_SVC_LOCAL_ADMIN"]);
  },
};

/** What must exist for a hop to be travelled at all (rules are silent about what is absent). */
const HOP_PRESENT: Record<RequestFlowHopId, (s: TenantSnapshot) => boolean> = {
  a: (s) => {
    const assigned = new Set((s.intune?.assignments ?? []).map((a) => a.profileId));
    return (s.intune?.profiles ?? []).some((p) => !!p.rootCertificateId && assigned.has(p.id));
  },
  b: (s) => browseNdesExternally(s, "/") > 0 && (s.entra?.connectors ?? []).some((c) => c.status === "active"),
  c: (s) => browseNdesExternally(s, "/") === 200,
  d: (s) => (s.lab?.ndes ?? []).some((n) => n.mscepRegistry.policyModule === "NDESPolicy"),
  e: (s) => (s.lab?.intuneCertificateConnectors ?? []).some((c) => c.features.scep),
  f: (s) => {
    const l = s.lab;
    const n = l?.ndes[0];
    const ca = n && l.cas.find((c) => c.id === n.caId);
    const t = n?.mscepRegistry.GeneralPurposeTemplate;
    return !!ca && !!t && ca.templatesToIssue.includes(t);
  },
};

const hopSteps: GuideStep[] = REQUEST_FLOW_HOPS.map((h) => ({
  id: `hop-${h.id}`,
  title: `Request flow ${h.id}: ${h.title}`,
  instruction: h.description,
  screen: { portal: "certlab", path: "/health", label: "Health" },
  source: { file: F, where: `Solution concept, step ${h.id}` },
  blockingCodes: h.codes,
  check: (s, ix) => HOP_PRESENT[h.id](s) && quiet(s, ix, h.codes),
}));

export const SEED_004_GUIDE: Guide = {
  id: "seed-004",
  title: "The SCEP request flow and best practices (checklist)",
  summary: "Check the lab against seed 004's best practices, then walk the request flow a–f: each hop is ticked when nothing breaks it.",
  source: F,
  start: "fresh",
  prerequisites: ["seed-001", "seed-000"],
  steps: [
    twoTierPki,
    fromSeed(STEP.installNdesRole, F, "Best practices: NDES on its own member server", { title: "NDES on its own member server (not the CA, not a DC)" }),
    fromSeed(STEP.installConnector, F, "Best practices: the connector not on the CA", { title: "The certificate connector on the NDES server, not on the CA" }),
    fromSeed(STEP.configureNdes, F, "Components: 1:1 issuing CA to NDES", { title: "One issuing CA per NDES, named in the MSCEP registry" }),
    fromSeed(STEP.scepTemplate, F, "Best practices: non-exportable private key", { title: "The SCEP template: key not exportable" }),
    fromSeed(STEP.caSettings, F, "Best practices: CRL published externally", { title: "The CRL published where devices on the internet reach it" }),
    leastPrivilege,
    fromSeed(STEP.publishNdes, F, "Solution concept: NDES published through application proxy", { title: "NDES published through application proxy with Passthrough" }),
    ...hopSteps,
  ],
};
