// The FRESH lab POST /api/lab/reset {"scenario":"fresh"} creates (issue 3's "done when"): forest corp.contoso.com,
// a DC, a two-tier PKI per seed 004 (004_0623edc70b4e3354.txt) — an Enterprise root CA and an Enterprise issuing CA on their own
// servers — the built-in templates, an empty member server NDES01 for NDES and a server for the private network
// connector. Shared by the API (which makes it real with packages/pki) and the guides (their starting point).
import { CORRECT_LAB_NAMES } from "./correct-lab";
import { addDays, computerAccountOf, emptyLab, installFeatures, newCa, newServer } from "./defaults";
import type { LabServer, LabSnapshot } from "./snapshot";

/** A fresh lab, right after the forest, the two CAs and the member servers were set up. */
export function freshLab(now = new Date()): LabSnapshot {
  const N = CORRECT_LAB_NAMES;
  const domain = N.forest;
  const nb = domain.netbiosName;
  const lab = emptyLab(domain);
  // A domain controller has no local groups (NDES_ON_DC's script message).
  const dc: LabServer = {
    ...newServer({ name: "DC01", os: "2022", domain }),
    isDomainController: true,
    features: ["NET-Framework-45-Core", "AD-Domain-Services", "DNS"],
    localGroups: { IIS_IUSRS: [], Administrators: [] },
  };
  const rootSrv = installFeatures(newServer({ name: "ROOTCA01", os: "2022", domain }), ["ADCS-Cert-Authority"]);
  // The issuing CA publishes CertEnroll over http, so it runs IIS.
  const caSrv = installFeatures(newServer({ name: "CA01", os: "2022", domain }), ["ADCS-Cert-Authority", "Web-Server"]);
  const ndesSrv = newServer({ name: N.ndesServer, os: "2022", domain });
  const appxSrv = newServer({ name: "APPPROXY01", os: "2022", domain });
  const servers = [dc, rootSrv, caSrv, ndesSrv, appxSrv];
  const computers = servers.map((s) => computerAccountOf(s, nb));
  computers[0]!.memberOf = ["Domain Controllers"];
  computers[1]!.memberOf = ["Cert Publishers"];
  computers[2]!.memberOf = ["Cert Publishers"];
  lab.accounts.push(...computers);
  const root = newCa({ name: N.rootCa, server: rootSrv, netbios: nb, type: "enterpriseRoot", notBefore: addDays(now, -800), validityYears: 20 });
  const issuing = newCa({ name: N.issuingCa, server: caSrv, netbios: nb, type: "enterpriseSubordinate", parent: root, notBefore: addDays(now, -790), validityYears: 10 });
  lab.cas.push(root, issuing);
  lab.servers.push(...servers);
  return lab;
}
