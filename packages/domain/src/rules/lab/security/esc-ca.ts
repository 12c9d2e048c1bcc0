// Issue 14: attack paths on the CA itself (AD CS ESC6, ESC7, ESC8, ESC11). Conditions follow Certipy
// (ly4k/Certipy certipy/commands/find.py get_ca_vulnerabilities); each `why` names where Certlab differs.
import { labRule, q, ref } from "../lab-rule";
import { principalKey } from "../../../lab/lab-index";
import { DEFAULT_INTERFACE_FLAGS, type CertificationAuthority } from "../../../lab/snapshot";
import { isBroad, isEnterprise, ndesComputerNames, ndesServiceAccountNames } from "./adcs-reach";

const CERTIPY = "X2";
const SPECTEROPS = "X1";
const SECURITY = { category: "security" as const };

export const ADCS_ESC6_SAN_FLAG = labRule(
  {
    ...SECURITY,
    code: "ADCS_ESC6_SAN_FLAG",
    severity: "error",
    title: "The CA accepts a subject alternative name from any request (ESC6: EDITF_ATTRIBUTESUBJECTALTNAME2)",
    why:
      "With EDITF_ATTRIBUTESUBJECTALTNAME2 in Policy\\EditFlags the CA takes a SAN from the request's attributes (certreq -attrib \"SAN:upn=administrator@…\") on every template, even one that builds the subject from Active Directory such as User: any domain user gets a logon certificate for anyone. NDES never needs it (the SCEP template supplies the subject in the request). Certipy reports ESC6 when the requester can enroll on the CA; Certlab reports the flag wherever it is set, because the NDES service account always can.",
    fix: "certutil -setreg policy\\EditFlags -EDITF_ATTRIBUTESUBJECTALTNAME2, then net stop certsvc && net start certsvc. SCEP keeps working: the SCEP template's Supply in the request carries the device's SAN.",
    symptom: "none: enrollment works. certipy find -vulnerable reports \"ESC6: Enrollee can specify SAN.\"",
    sources: [SPECTEROPS, CERTIPY, "X3"],
  },
  (lab, ix, report) => {
    for (const ca of lab.cas) {
      if (!isEnterprise(ca) || !ca.editFlags.includes("EDITF_ATTRIBUTESUBJECTALTNAME2")) continue;
      const requesters = ca.acl.filter((a) => a.request).map((a) => a.principal);
      const first = requesters.find((p) => isBroad(ix, p)) ?? requesters[0] ?? "Anyone with Request Certificates";
      report([ref.ca(ca)], `${q(ca.name)} has EDITF_ATTRIBUTESUBJECTALTNAME2 in Policy\\EditFlags; Request Certificates is held by ${requesters.join(", ") || "nobody"}.`, {
        attackPath: [first, `any template of ${q(ca.name)}`, "SAN attribute in the request", "logon as anyone"],
      });
    }
  },
);

export const ADCS_ESC7_CA_OFFICER_RIGHTS = labRule(
  {
    ...SECURITY,
    code: "ADCS_ESC7_CA_OFFICER_RIGHTS",
    severity: "error",
    title: "A broad principal or the NDES service account can manage the CA (ESC7)",
    why:
      "Manage CA lets its holder set EDITF_ATTRIBUTESUBJECTALTNAME2 (ESC6) and publish any template; Issue and Manage Certificates lets it approve any pending or failed request, e.g. one for administrator@…. Certipy's ESC7 asks this of the user it runs as; Certlab asks it of every broad principal and of the NDES service account (which needs Request Certificates only). The NDES computer's Issue and Manage Certificates (seed 002, for the connector's revocation) is reported apart, as info.",
    fix: "CA Properties › Security: remove Manage CA and Issue and Manage Certificates from that principal. SCEP keeps working: the NDES service account needs Request Certificates only; revocation needs Issue and Manage on the NDES computer (SYSTEM) or the connector's account.",
    symptom: "none: enrollment works. certipy find -vulnerable reports \"ESC7: User has dangerous permissions.\"",
    sources: [SPECTEROPS, CERTIPY, "002_823a4c777ce30773.txt"],
  },
  (lab, ix, report) => {
    const svc = ndesServiceAccountNames(ix);
    const ndesComputers = ndesComputerNames(ix);
    for (const ca of lab.cas) {
      for (const a of ca.acl) {
        if (!a.manageCa && !a.issueAndManage) continue;
        const key = principalKey(a.principal);
        const broad = isBroad(ix, a.principal);
        // The NDES computer's Manage CA is not what seed 002 asks for: report it too.
        if (!broad && !svc.has(key) && !(ndesComputers.has(key) && a.manageCa)) continue;
        const rights = [a.manageCa && "Manage CA", a.issueAndManage && "Issue and Manage Certificates"].filter(Boolean).join(" and ");
        report([ref.ca(ca)], `${a.principal} has ${rights} on ${q(ca.name)}.`, {
          attackPath: [a.principal, `${rights} on ${q(ca.name)}`, a.manageCa ? "turn on the SAN flag, publish any template" : "approve a request for administrator", "logon as anyone"],
        });
      }
    }
  },
);

export const ADCS_ESC7_NDES_COMPUTER_ISSUE_MANAGE = labRule(
  {
    ...SECURITY,
    code: "ADCS_ESC7_NDES_COMPUTER_ISSUE_MANAGE",
    severity: "info",
    title: "The NDES computer holds Issue and Manage Certificates: what it permits",
    why:
      "Seed 002 grants the NDES server's computer account Issue and Manage Certificates so that the Certificate Connector (running as SYSTEM) can revoke the certificates of retired devices. It also lets anyone in control of that server (a local administrator, or code running as SYSTEM) approve pending requests and revoke any certificate the CA issued. That is the documented trade-off, so Certlab keeps it allowed and only says what it permits.",
    fix: "Keep it if you use certificate revocation; treat the NDES server as a tier-0 asset (no interactive admins beyond PKI admins). Without revocation, remove the right.",
    symptom: "none",
    sources: ["002_823a4c777ce30773.txt", "S2"],
  },
  (lab, ix, report) => {
    const ndesComputers = ndesComputerNames(ix);
    for (const ca of lab.cas)
      for (const a of ca.acl)
        if (a.issueAndManage && !a.manageCa && ndesComputers.has(principalKey(a.principal)))
          report([ref.ca(ca)], `${a.principal} has Issue and Manage Certificates on ${q(ca.name)}: the connector revokes with it, and whoever runs code as SYSTEM on that server can approve or revoke any request of the CA.`, {
            attackPath: [`SYSTEM on ${a.principal.replace(/^.*\\/, "").replace(/\$$/, "")}`, `Issue and Manage on ${q(ca.name)}`, "approve or revoke any request"],
          });
  },
);

function webEnrollmentCa(ca: CertificationAuthority | undefined): ca is CertificationAuthority {
  return !!ca && isEnterprise(ca);
}

export const ADCS_ESC8_WEB_ENROLLMENT_NTLM = labRule(
  {
    ...SECURITY,
    code: "ADCS_ESC8_WEB_ENROLLMENT_NTLM",
    severity: "error",
    title: "Certification Authority Web Enrollment accepts relayed NTLM (ESC8)",
    why:
      "/certsrv over http, or over https with NTLM and without Extended Protection required, accepts an NTLM authentication relayed from a coerced domain controller or server (PetitPotam, PrinterBug): the attacker gets a certificate as that computer and, for a DC, the domain. Certipy reports http, or https without channel binding; Certlab does not report https when NTLM is off (Kerberos only), since relaying needs NTLM. NDES does not use Web Enrollment at all.",
    fix: "Remove the Certification Authority Web Enrollment role service if nobody uses it; otherwise in IIS Manager › certsrv: remove the http binding (Require SSL), set Windows Authentication › Extended Protection to Required, and drop NTLM from the providers. SCEP keeps working: /certsrv/mscep is NDES's own application.",
    symptom: "none: enrollment works. certipy find -vulnerable reports \"ESC8: Web Enrollment is enabled over HTTP.\"",
    sources: [SPECTEROPS, CERTIPY, "X6"],
  },
  (lab, ix, report) => {
    for (const s of lab.servers) {
      const w = s.webEnrollment;
      if (!w || !s.features.includes("ADCS-Web-Enrollment")) continue;
      const ca = w.caId ? ix.casById.get(w.caId) : ix.casByServer.get(s.id)?.find(isEnterprise) ?? lab.cas.find(isEnterprise);
      if (!webEnrollmentCa(ca)) continue;
      const overHttp = w.http;
      const relayHttps = w.https && w.ntlm && w.extendedProtection !== "required";
      if (!overHttp && !relayHttps) continue;
      const how = overHttp ? `http://${s.fqdn}/certsrv` : `https://${s.fqdn}/certsrv with NTLM and Extended Protection ${w.extendedProtection === "off" ? "off" : "not required"}`;
      report([ref.server(s), ref.ca(ca)], `Web Enrollment for ${q(ca.name)} answers on ${how}.`, {
        attackPath: ["Anyone on the network", "coerce a DC to authenticate (NTLM)", `relay to ${overHttp ? "http" : "https"}://${s.fqdn}/certsrv`, "certificate as the DC", "domain takeover"],
      });
    }
  },
);

export const ADCS_ESC11_RPC_NOT_ENCRYPTED = labRule(
  {
    ...SECURITY,
    code: "ADCS_ESC11_RPC_NOT_ENCRYPTED",
    severity: "error",
    title: "The CA accepts certificate requests over RPC without encryption (ESC11)",
    why:
      "Without IF_ENFORCEENCRYPTICERTREQUEST in CA\\InterfaceFlags the CA's ICertPassage RPC interface accepts requests without packet privacy, so a relayed NTLM authentication can enroll as the coerced computer (ESC8 over RPC). The flag is on by default since Windows Server 2012; it is usually cleared to let Windows XP clients enroll. Same condition as Certipy's ESC11. NDES submits its requests encrypted and keeps working with the flag on.",
    fix: "certutil -setreg CA\\InterfaceFlags +IF_ENFORCEENCRYPTICERTREQUEST, then net stop certsvc && net start certsvc. SCEP keeps working: NDES's DCOM requests are encrypted.",
    symptom: "none: enrollment works. certipy find -vulnerable reports \"ESC11: Encryption is not enforced for ICPR (RPC) requests.\"",
    sources: [CERTIPY, "X5"],
  },
  (lab, _ix, report) => {
    for (const ca of lab.cas) {
      if (!isEnterprise(ca)) continue;
      const flags = ca.interfaceFlags ?? DEFAULT_INTERFACE_FLAGS;
      if (flags.includes("IF_ENFORCEENCRYPTICERTREQUEST")) continue;
      report([ref.ca(ca)], `${q(ca.name)}'s CA\\InterfaceFlags (${flags.join(" | ") || "0"}) lack IF_ENFORCEENCRYPTICERTREQUEST.`, {
        attackPath: ["Anyone on the network", "coerce a computer to authenticate (NTLM)", `relay to ${q(ca.name)} over RPC`, "certificate as that computer"],
      });
    }
  },
);
