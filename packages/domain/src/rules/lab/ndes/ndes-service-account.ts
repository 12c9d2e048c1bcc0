// A.3: the NDES service account — IIS_IUSRS not Administrators, healthy, SPNs for alias names, the SCEP app pool
// runs as it (S1, S2, S10, S13, S28, S42; 001_6feb1c2e8b30dee5.txt, 002_823a4c777ce30773.txt, 004_0623edc70b4e3354.txt).
import { principalKey } from "../../../lab/lab-index";
import { accountName, configuredNdes, labRule, q, ref } from "../lab-rule";

export const NDES_SVC_NOT_IN_IIS_IUSRS = labRule(
  {
    code: "NDES_SVC_NOT_IN_IIS_IUSRS",
    severity: "error",
    title: "The NDES service account is not in the local IIS_IUSRS group",
    why: "The SCEP application pool runs as the NDES service account, which gets its rights on the server through the local IIS_IUSRS group; without them the pool stops.",
    fix: "add to IIS_IUSRS",
    symptom: '"Error: NDES Service Account is not a member of the local IIS_IUSR group"; app pool stop → "503 Service unavailable"',
    sources: ["S1", "S2", "S28", "S42", "001_6feb1c2e8b30dee5.txt", "002_823a4c777ce30773.txt", "004_0623edc70b4e3354.txt"],
  },
  (_lab, ix, report) => {
    for (const c of configuredNdes(ix)) {
      if (!c.serviceAccount) continue;
      const members = c.server.localGroups.IIS_IUSRS;
      if (!ix.covers(members, c.serviceAccount, c.server))
        report(
          [ref.account(c.serviceAccount), ref.server(c.server)],
          `${accountName(c.serviceAccount)} is not a member of IIS_IUSRS on ${c.server.fqdn} (members: ${members.join(", ") || "none"}).`,
        );
    }
  },
);

export const NDES_SVC_LOCAL_ADMIN = labRule(
  {
    code: "NDES_SVC_LOCAL_ADMIN",
    severity: "warning",
    title: "The NDES service account is a local administrator",
    why: "Administrators membership gives the service account far more than the IIS_IUSRS rights it needs.",
    fix: "remove from Administrators, use IIS_IUSRS",
    symptom:
      '"NDES Service Account is a member of the local Administrators group. This will provide the requisite rights but is _not_ a secure configuration. Use IIS_IUSERS instead."',
    sources: ["S28", "S30"],
  },
  (_lab, ix, report) => {
    for (const c of configuredNdes(ix))
      if (c.serviceAccount && ix.covers(c.server.localGroups.Administrators, c.serviceAccount, c.server))
        report([ref.account(c.serviceAccount), ref.server(c.server)], `${accountName(c.serviceAccount)} is a member of Administrators on ${c.server.fqdn}.`);
  },
);

export const NDES_SVC_ACCOUNT_UNHEALTHY = labRule(
  {
    code: "NDES_SVC_ACCOUNT_UNHEALTHY",
    severity: "error",
    title: "The NDES service account is disabled, locked out or its password expired",
    why: "The SCEP application pool logs on as the service account; a disabled or locked account or an expired password stops NDES.",
    fix: "unlock / reset password",
    symptom:
      'browsing URL: "500 - Internal server error" ("Cause 1: The NDES service account is locked or its password is expired."); script "Error: Problem with the AD account. Please see output below to determine the issue"',
    sources: ["S13", "S28"],
  },
  (_lab, ix, report) => {
    for (const c of configuredNdes(ix)) {
      const a = c.serviceAccount;
      if (!a) continue;
      const problems = [!a.enabled && "disabled", a.lockedOut && "locked out", a.passwordExpired && "its password has expired"].filter(Boolean);
      if (problems.length) report([ref.account(a), ref.ndes(c)], `${accountName(a)} is ${problems.join(", ")}.`);
    }
  },
);

export const NDES_SVC_LOGON_RIGHTS = labRule(
  {
    code: "NDES_SVC_LOGON_RIGHTS",
    severity: "warning",
    title: "The NDES service account lacks explicit logon rights (legacy connector)",
    why: "The legacy connector's guidance grants the service account Log on locally, Log on as a service and Log on as a batch job explicitly where a hardening GPO removes them.",
    fix: "grant rights or rely on IIS_IUSRS",
    symptom:
      '"Error: NDES Service Account has _NOT_ been assigned the Logon Locally, Logon as a Service or Logon as a batch job rights _explicitly_."',
    sources: ["S10", "S28"],
  },
  (_lab, ix, report) => {
    for (const c of configuredNdes(ix)) {
      const a = c.serviceAccount;
      if (!a || !c.intuneConnectors.some((k) => k.generation === "legacy")) continue;
      const sam = a.samAccountName.toLowerCase();
      const has = (list: string[]) => list.some((p) => principalKey(p) === sam);
      const r = c.server.userRights;
      const missing = [
        !has(r.logOnLocally) && "Allow log on locally",
        !has(r.logOnAsService) && "Log on as a service",
        !has(r.logOnAsBatchJob) && "Log on as a batch job",
      ].filter(Boolean);
      if (missing.length) report([ref.account(a), ref.server(c.server)], `${accountName(a)} is not explicitly assigned ${missing.join(", ")} on ${c.server.fqdn}.`);
    }
  },
);

export const NDES_IMPERSONATE_RIGHT_MISSING = labRule(
  {
    code: "NDES_IMPERSONATE_RIGHT_MISSING",
    severity: "error",
    title: "IIS_IUSRS lacks \"Impersonate a client after authentication\"",
    why: "The SCEP application pool impersonates the caller; the right comes to the service account through IIS_IUSRS.",
    fix: "secpol.msc > Local Policies > User Rights Assignment > Impersonate a client after authentication > add IIS_IUSRS > restart",
    symptom:
      "IIS log line ending in status 500, e.g. `GET /certsrv/mscep/mscep.dll operation=GetCACert&message=SCEP%20Authority 443 - … - 500 0 1346 31`",
    sources: ["S13"],
  },
  (_lab, ix, report) => {
    for (const c of configuredNdes(ix)) {
      const holders = c.server.userRights.impersonateClient;
      const ok = holders.some((p) => principalKey(p) === "iis_iusrs") || (c.serviceAccount && ix.covers(holders, c.serviceAccount, c.server));
      if (!ok) report([ref.server(c.server)], `"Impersonate a client after authentication" on ${c.server.fqdn} is held by ${holders.join(", ") || "nobody"}, not IIS_IUSRS.`);
    }
  },
);

export const NDES_SPN_MISSING = labRule(
  {
    code: "NDES_SPN_MISSING",
    severity: "error",
    title: "NDES is published under another name without an HTTP SPN for it",
    why: "When NDES answers under a CNAME, a custom A record or a load-balanced name, Kerberos needs an HTTP/<name> SPN on the service account; a single server under its real host name needs none.",
    fix: "`Setspn -s HTTP/<fqdn> <domain\\account>` (and short name), then disable IIS kernel-mode auth; single server with real hostname needs none",
    symptom: '"Error: Missing or Incorrect SPN set for the NDES Service Account!"',
    sources: ["S1", "S10", "S28", "S42", "001_6feb1c2e8b30dee5.txt"],
  },
  (_lab, ix, report) => {
    for (const c of configuredNdes(ix)) {
      const a = c.serviceAccount;
      if (!a) continue;
      const spns = new Set(a.spns.map((s) => s.toLowerCase()));
      const missing = c.ndes.aliasHostNames.filter((n) => !spns.has(`http/${n.toLowerCase()}`));
      if (missing.length)
        report([ref.account(a), ref.ndes(c)], `NDES answers as ${missing.map(q).join(", ")}, but ${accountName(a)} has no ${missing.map((n) => `HTTP/${n}`).join(", ")} SPN (SPNs: ${a.spns.join(", ") || "none"}).`);
    }
  },
);

export const NDES_APPPOOL_IDENTITY_MISMATCH = labRule(
  {
    code: "NDES_APPPOOL_IDENTITY_MISMATCH",
    severity: "error",
    title: "The SCEP application pool doesn't run as the NDES service account",
    why: "The AD CS Configuration wizard sets the SCEP pool's identity to the service account; the account's permissions on the CA, the template and the RA keys only help if the pool runs as it.",
    fix: "set pool identity",
    symptom: '"Error: Application Pool is not configured to use the NDES Service Account"',
    sources: ["S28"],
  },
  (_lab, ix, report) => {
    for (const c of configuredNdes(ix)) {
      if (!c.scepPool || !c.serviceAccount) continue;
      if (ix.account(c.scepPool.identity)?.id !== c.serviceAccount.id)
        report([ref.ndes(c), ref.account(c.serviceAccount)], `Application pool SCEP runs as ${q(c.scepPool.identity)}, not ${accountName(c.serviceAccount)}.`);
    }
  },
);

export const NDES_APPPOOL_STOPPED = labRule(
  {
    code: "NDES_APPPOOL_STOPPED",
    severity: "error",
    title: "The SCEP application pool is stopped",
    why: "mscep.dll runs in the SCEP application pool; when it is stopped (or has crashed) IIS answers every SCEP request with 503.",
    fix: "start pool; fix cause (permissions, intermediate in root store, CRL, CRP auth, expired policy cert)",
    symptom:
      '"HTTP Error 503. The service is unavailable" / "503 Service unavailable"; Application log Event 1000 "Faulting application name: w3wp.exe … Exception code: 0xc0000005"',
    sources: ["S1", "S13", "S28", "002_823a4c777ce30773.txt"],
  },
  (_lab, ix, report) => {
    for (const c of configuredNdes(ix)) {
      if (!c.scepPool) report([ref.ndes(c), ref.server(c.server)], `IIS on ${c.server.fqdn} has no SCEP application pool.`);
      else if (c.scepPool.state === "stopped") report([ref.ndes(c), ref.server(c.server)], `Application pool SCEP on ${c.server.fqdn} is stopped.`);
    }
  },
);
