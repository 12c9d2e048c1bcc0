// Issue 14: attack paths a working template opens (AD CS ESC1, ESC2, ESC3, ESC4, ESC15). A setup can enroll every
// device through NDES and still let any domain user ask the CA directly (certreq / RPC, not through NDES, so the
// Intune challenge never protects it) for a certificate naming someone else. Conditions follow Certipy
// (ly4k/Certipy certipy/commands/find.py); each `why` names where Certlab differs.
import { labRule, q, ref } from "../lab-rule";
import { EKU } from "../../../lab/snapshot";
import { authenticationEku, isAnyPurpose, isBroad, ndesServiceAccountNames, publishes, reachableTemplates, who } from "./adcs-reach";
import { principalKey } from "../../../lab/lab-index";

const CERTIPY = "X2";
const SPECTEROPS = "X1";
const SECURITY = { category: "security" as const };
const FIX_ENROLLEES =
  "Security tab: remove Enroll and Autoenroll from Domain Users, Domain Computers, Authenticated Users, Everyone and Users (keep their Read where the CA needs it); grant Read + Enroll only to the NDES service account (and the NDES computer account, the connector's account when it runs as SYSTEM). SCEP keeps working: NDES requests every device certificate as its service account, so devices never need Enroll themselves.";

export const ADCS_ESC1_ENROLLEE_SUPPLIES_SUBJECT = labRule(
  {
    ...SECURITY,
    code: "ADCS_ESC1_ENROLLEE_SUPPLIES_SUBJECT",
    severity: "error",
    title: "Anyone can request a logon certificate for any user (ESC1)",
    why:
      "The SCEP template has to say \"Supply in the request\" (seed 002: \"The Intune policy module for NDES enforces security\") — but the policy module only sees requests that come through NDES. A template duplicated from User keeps Domain Users Read + Enroll, so any domain user can send the CA a request of their own with the SAN administrator@… and a Client Authentication EKU, and log on as that account. Same condition as Certipy's ESC1 (enrollee supplies subject, client authentication or any purpose or no EKU, enabled, no approval, no authorized signatures, enrollable); Certlab also requires that a broad principal holds Request Certificates on the CA, because the CA refuses everyone else.",
    fix: FIX_ENROLLEES,
    symptom: "none: enrollment works. certipy find -vulnerable reports \"ESC1: Enrollee supplies subject and template allows client authentication.\"",
    sources: ["002_823a4c777ce30773.txt", "001_6feb1c2e8b30dee5.txt", SPECTEROPS, CERTIPY, "S52"],
  },
  (lab, ix, report) => {
    for (const r of reachableTemplates(lab, ix)) {
      const t = r.template;
      if (t.subjectName !== "supplyInRequest") continue;
      const eku = authenticationEku(t);
      if (!eku) continue;
      for (const p of r.principals)
        report(
          [ref.template(t), ref.ca(r.ca)],
          `${p} has Enroll on ${q(t.displayName)}, which ${q(r.ca.name)} issues with the subject supplied in the request and ${eku}: any member can request a certificate for administrator@${lab.forest.name || "the domain"} and log on as that account.`,
          { attackPath: [p, `Enroll on ${q(t.displayName)}`, "supply subject", eku, "logon as anyone"] },
        );
    }
  },
);

export const ADCS_ESC2_ANY_PURPOSE = labRule(
  {
    ...SECURITY,
    code: "ADCS_ESC2_ANY_PURPOSE",
    severity: "error",
    title: "Anyone can get an Any Purpose certificate (ESC2)",
    why:
      "A certificate with the Any Purpose EKU, or with no EKU at all, is good for client authentication, code signing, server authentication and as an enrollment agent (ESC3) at once. Same condition as Certipy's ESC2 (any purpose, enabled, no approval, enrollable). Certipy also reports such a template as ESC3; Certlab reports it once, here.",
    fix: "Extensions tab: set the Application Policies the certificates need (Client Authentication for SCEP); or take Enroll away from the broad principals. " + FIX_ENROLLEES,
    symptom: "none: enrollment works. certipy find -vulnerable reports \"ESC2: Template can be used for any purpose.\"",
    sources: [SPECTEROPS, CERTIPY],
  },
  (lab, ix, report) => {
    for (const r of reachableTemplates(lab, ix)) {
      const t = r.template;
      if (!isAnyPurpose(t)) continue;
      const what = t.applicationPolicies.length ? "the Any Purpose EKU" : "no EKU";
      for (const p of r.principals)
        report([ref.template(t), ref.ca(r.ca)], `${p} has Enroll on ${q(t.displayName)}, issued by ${q(r.ca.name)} with ${what}: its certificates are good for every purpose.`, {
          attackPath: [p, `Enroll on ${q(t.displayName)}`, t.applicationPolicies.length ? "Any Purpose" : "no EKU", "client authentication, code signing, enrollment agent"],
        });
    }
  },
);

export const ADCS_ESC3_ENROLLMENT_AGENT = labRule(
  {
    ...SECURITY,
    code: "ADCS_ESC3_ENROLLMENT_AGENT",
    severity: "error",
    title: "Anyone can become an enrollment agent (ESC3)",
    why:
      "A Certificate Request Agent certificate lets its holder request certificates on behalf of any other user (on every version 1 template, such as User). NDES's own Exchange Enrollment Agent (Offline request) template is one: NDES needs it for its RA certificate, and only the NDES service account (with the administrators who configure NDES) may enroll on it. Certipy's ESC3 also counts Any Purpose templates; Certlab reports those as ESC2 only.",
    fix: "Security tab of the template: remove Enroll from the broad principals; Exchange Enrollment Agent (Offline request) is enrolled by the NDES service account during the AD CS Configuration wizard only. SCEP keeps working: the RA certificates NDES already holds stay valid.",
    symptom: "none: enrollment works. certipy find -vulnerable reports \"ESC3: Template has Certificate Request Agent EKU set.\"",
    sources: [SPECTEROPS, CERTIPY, "S43"],
  },
  (lab, ix, report) => {
    for (const r of reachableTemplates(lab, ix)) {
      const t = r.template;
      if (!t.applicationPolicies.includes(EKU.certificateRequestAgent)) continue;
      for (const p of r.principals)
        report([ref.template(t), ref.ca(r.ca)], `${p} has Enroll on ${q(t.displayName)} (Certificate Request Agent), issued by ${q(r.ca.name)}: any member can request certificates on behalf of any user.`, {
          attackPath: [p, `Enroll on ${q(t.displayName)}`, "Certificate Request Agent", "enroll on behalf of anyone", "logon as anyone"],
        });
    }
  },
);

export const ADCS_ESC4_TEMPLATE_WRITE = labRule(
  {
    ...SECURITY,
    code: "ADCS_ESC4_TEMPLATE_WRITE",
    severity: "error",
    title: "A broad principal or the NDES service account can rewrite a certificate template (ESC4)",
    why:
      "Write (or Full Control) on a template lets its holder switch it to \"Supply in the request\" with Client Authentication and grant itself Enroll: ESC1 on demand. The NDES service account needs Read and Enroll on the SCEP template only; its password sits in the SCEP application pool of an internet-facing server. Certipy's ESC4 asks the same of the user it runs as (GenericAll, WriteDacl, WriteOwner, GenericWrite); Certlab asks it of every broad principal and of the NDES service account.",
    fix: "Security tab: clear Write and Full Control for that principal; the NDES service account keeps Read + Enroll. SCEP keeps working: NDES never changes templates.",
    symptom: "none: enrollment works. certipy find -vulnerable reports \"ESC4: User has dangerous permissions.\"",
    sources: [SPECTEROPS, CERTIPY, "001_6feb1c2e8b30dee5.txt"],
  },
  (lab, ix, report) => {
    const svc = ndesServiceAccountNames(ix);
    for (const t of lab.templates) {
      for (const a of t.security) {
        if (!a.write) continue;
        const broad = isBroad(ix, a.principal);
        if (!broad && !svc.has(principalKey(a.principal))) continue;
        report([ref.template(t)], `${a.principal} has Write on ${q(t.displayName)}${broad ? "" : " (it is the NDES service account, which needs Read and Enroll only)"}.`, {
          attackPath: [a.principal, `Write on ${q(t.displayName)}`, "make it supply subject + Client Authentication", "logon as anyone"],
        });
      }
    }
  },
);

export const ADCS_ESC15_V1_SUPPLIED_SUBJECT = labRule(
  {
    ...SECURITY,
    code: "ADCS_ESC15_V1_SUPPLIED_SUBJECT",
    severity: "error",
    title: "A version 1 template with a supplied subject lets a requester add any application policy (ESC15, CVE-2024-49019)",
    why:
      "On a CA without the November 2024 update, a request against a schema version 1 template may carry its own Application Policies extension, which the CA copies into the certificate: a Web Server or IPSec (Offline request) certificate comes out with Client Authentication and a subject of the requester's choice. Certipy's ESC15 is the same condition (schema version 1, enrollee supplies subject, enabled, no approval, enrollable). Certlab also reports a version 1 template that the MSCEP registry points NDES at when the NDES service account can enroll on it, because every SCEP client with a valid challenge then reaches it.",
    fix: "Duplicate the template (a version 2 template ignores requested application policies) and point the CA and the MSCEP registry at the copy; take Enroll on the version 1 template away from broad principals; install the CVE-2024-49019 update on the CA. SCEP keeps working: the MSCEP values name the version 2 SCEP template.",
    symptom: "none: enrollment works. certipy find -vulnerable reports \"ESC15: Enrollee supplies subject and schema version is 1.\"",
    sources: ["X4", CERTIPY, "002_823a4c777ce30773.txt"],
  },
  (lab, ix, report) => {
    const seen = new Set<string>();
    for (const r of reachableTemplates(lab, ix)) {
      const t = r.template;
      if (t.schemaVersion !== 1 || t.subjectName !== "supplyInRequest") continue;
      seen.add(`${r.ca.id}|${t.id}`);
      for (const p of r.principals)
        report([ref.template(t), ref.ca(r.ca)], `${p} has Enroll on the version 1 template ${q(t.displayName)} (subject supplied in the request), issued by ${q(r.ca.name)}.`, {
          attackPath: [p, `Enroll on ${q(t.displayName)} (v1)`, "supply subject + Client Authentication application policy", "logon as anyone"],
        });
    }
    for (const c of ix.ndesContexts) {
      if (!c.ndes.configured || !c.ca || !c.serviceAccount) continue;
      for (const [value, resolved] of Object.entries(c.registry)) {
        const t = resolved?.template;
        if (!t || t.schemaVersion !== 1 || t.subjectName !== "supplyInRequest" || !publishes(c.ca, t)) continue;
        if (seen.has(`${c.ca.id}|${t.id}`)) continue;
        const enrollers = t.security.filter((a) => a.enroll).map((a) => a.principal);
        if (!ix.covers(enrollers, c.serviceAccount)) continue;
        seen.add(`${c.ca.id}|${t.id}`);
        report([ref.template(t), ref.ca(c.ca), ref.ndes(c)], `MSCEP ${value} points NDES at the version 1 template ${q(t.name)}, which ${q(c.ca.name)} issues and ${c.serviceAccount.samAccountName} can enroll on: ${who(["every SCEP client with a challenge"])} reaches it.`, {
          attackPath: ["SCEP client with a challenge", `NDES → ${q(t.displayName)} (v1)`, "Client Authentication application policy in the request", "logon as the requested subject"],
        });
      }
    }
  },
);
