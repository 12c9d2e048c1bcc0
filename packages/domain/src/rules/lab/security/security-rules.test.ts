// Issue 14 "done means": a table of template and CA configurations with the ESC codes Certipy's conditions give
// (ly4k/Certipy certipy/commands/find.py), every security code's broken variant, and the correct setup.
import { describe, expect, it } from "vitest";
import { correctLab, CORRECT_LAB_NAMES as N } from "../../../lab/correct-lab";
import { duplicateTemplate, installFeatures } from "../../../lab/defaults";
import { partsOf } from "../../../lab/broken-variants";
import { securityBrokenVariants, SECURITY_VARIANT_CODES } from "../../../lab/security-variants";
import { EKU, type CertificateTemplate, type LabSnapshot } from "../../../lab/snapshot";
import { correctTenant } from "../../../intune/testing";
import { ALL_RULES } from "../../catalogue";
import { evaluate } from "../../engine";
import { aTenant } from "../../testing";
import { LAB_RULES } from "../lab-rules";
import { DIRECTORY_RULES } from "../../directory/directory-rules";
import { ADCS_SECURITY_RULES } from "./security-rules";

const NOW = new Date("2026-03-01T09:00:00Z");
/** A tenant whose directory is right too (as in lab-rules.test.ts). */
const withLab = (lab: LabSnapshot) => ({
  ...aTenant({
    skus: ["SPE_E3"],
    users: [
      { upn: "intune.admin@contoso.com", roles: ["intuneAdministrator"], licenses: ["SPE_E3"] },
      { upn: "app.admin@contoso.com", roles: ["applicationAdministrator"], licenses: ["SPE_E3"] },
    ],
  }),
  lab,
});
const nb = N.forest.netbiosName;
const run = (lab: LabSnapshot) => evaluate(withLab(lab), [...DIRECTORY_RULES, ...LAB_RULES, ...ADCS_SECURITY_RULES]);
const loud = (lab: LabSnapshot) => [...new Set(run(lab).filter((f) => f.severity !== "info").map((f) => f.code))].sort();
const securityCodes = (lab: LabSnapshot) => [...new Set(run(lab).filter((f) => f.category === "security" && f.severity !== "info").map((f) => f.code))].sort();

type TemplateRow = {
  name: string;
  eku: string[];
  subject: CertificateTemplate["subjectName"];
  version?: 1 | 2 | 4;
  /** Principals with Enroll (or Autoenroll when prefixed "auto:"). */
  enroll: string[];
  write?: string[];
  approval?: boolean;
  signatures?: number;
  published?: boolean;
  expected: string[];
};

const DU = `${nb}\\Domain Users`;
const DC = `${nb}\\Domain Computers`;
const SVC = `${nb}\\${N.serviceAccount}`;
const DA = `${nb}\\Domain Admins`;

/** correctLab() plus one template shaped as the row says, published on the issuing CA unless `published: false`. */
function labWithTemplate(row: TemplateRow): LabSnapshot {
  const lab = correctLab({ now: NOW });
  const t = duplicateTemplate(lab.templates.find((x) => x.name === "User")!, { displayName: `Row ${row.name}`, name: `Row${row.name.replace(/\W/g, "")}` });
  t.schemaVersion = row.version ?? 2;
  t.subjectName = row.subject;
  t.applicationPolicies = row.eku;
  t.issuanceRequirements = { caManagerApproval: !!row.approval, authorizedSignatures: row.signatures ?? 0 };
  t.security = [
    { principal: "Authenticated Users", read: true, write: false, enroll: false, autoenroll: false },
    ...row.enroll.map((p) => ({ principal: p.replace(/^auto:/, ""), read: true, write: false, enroll: !p.startsWith("auto:"), autoenroll: p.startsWith("auto:") })),
    ...(row.write ?? []).map((p) => ({ principal: p, read: true, write: true, enroll: false, autoenroll: false })),
  ];
  lab.templates.push(t);
  if (row.published !== false) partsOf(lab).issuing.templatesToIssue.push(t.name);
  return lab;
}

const CLIENT = [EKU.clientAuthentication];
const TEMPLATE_ROWS: TemplateRow[] = [
  { name: "SCEP as seed 002, NDES only", eku: CLIENT, subject: "supplyInRequest", enroll: [SVC], expected: [] },
  { name: "SCEP duplicated from User, Domain Users kept", eku: CLIENT, subject: "supplyInRequest", enroll: [SVC, DU], expected: ["ADCS_ESC1_ENROLLEE_SUPPLIES_SUBJECT"] },
  { name: "supply subject, Authenticated Users Enroll", eku: CLIENT, subject: "supplyInRequest", enroll: ["Authenticated Users"], expected: ["ADCS_ESC1_ENROLLEE_SUPPLIES_SUBJECT"] },
  { name: "supply subject, Everyone Enroll", eku: CLIENT, subject: "supplyInRequest", enroll: ["Everyone"], expected: ["ADCS_ESC1_ENROLLEE_SUPPLIES_SUBJECT"] },
  { name: "supply subject, Domain Computers Enroll", eku: CLIENT, subject: "supplyInRequest", enroll: [DC], expected: ["ADCS_ESC1_ENROLLEE_SUPPLIES_SUBJECT"] },
  { name: "supply subject, Domain Users Autoenroll", eku: CLIENT, subject: "supplyInRequest", enroll: [`auto:${DU}`], expected: ["ADCS_ESC1_ENROLLEE_SUPPLIES_SUBJECT"] },
  { name: "supply subject, Smart Card Logon", eku: [EKU.smartCardLogon], subject: "supplyInRequest", enroll: [DU], expected: ["ADCS_ESC1_ENROLLEE_SUPPLIES_SUBJECT"] },
  { name: "supply subject, PKINIT", eku: [EKU.pkinitClientAuthentication], subject: "supplyInRequest", enroll: [DU], expected: ["ADCS_ESC1_ENROLLEE_SUPPLIES_SUBJECT"] },
  { name: "supply subject, no EKU", eku: [], subject: "supplyInRequest", enroll: [DU], expected: ["ADCS_ESC1_ENROLLEE_SUPPLIES_SUBJECT", "ADCS_ESC2_ANY_PURPOSE"] },
  { name: "supply subject, Any Purpose", eku: [EKU.anyPurpose], subject: "supplyInRequest", enroll: [DU], expected: ["ADCS_ESC1_ENROLLEE_SUPPLIES_SUBJECT", "ADCS_ESC2_ANY_PURPOSE"] },
  { name: "supply subject, Server Authentication only", eku: [EKU.serverAuthentication], subject: "supplyInRequest", enroll: [DU], expected: [] },
  { name: "supply subject, manager approval", eku: CLIENT, subject: "supplyInRequest", enroll: [DU], approval: true, expected: [] },
  { name: "supply subject, one authorized signature", eku: CLIENT, subject: "supplyInRequest", enroll: [DU], signatures: 1, expected: [] },
  { name: "supply subject, not published", eku: CLIENT, subject: "supplyInRequest", enroll: [DU], published: false, expected: [] },
  { name: "supply subject, only Domain Admins enroll", eku: CLIENT, subject: "supplyInRequest", enroll: [DA], expected: [] },
  { name: "built from AD, Client Authentication", eku: CLIENT, subject: "buildFromAd", enroll: [DU], expected: [] },
  { name: "built from AD, no EKU", eku: [], subject: "buildFromAd", enroll: [DU], expected: ["ADCS_ESC2_ANY_PURPOSE"] },
  { name: "built from AD, Certificate Request Agent", eku: [EKU.certificateRequestAgent], subject: "buildFromAd", enroll: [DU], expected: ["ADCS_ESC3_ENROLLMENT_AGENT"] },
  { name: "Certificate Request Agent, NDES only", eku: [EKU.certificateRequestAgent], subject: "supplyInRequest", enroll: [SVC], expected: [] },
  { name: "Certificate Request Agent, approval", eku: [EKU.certificateRequestAgent], subject: "buildFromAd", enroll: [DU], approval: true, expected: [] },
  { name: "v1, supply subject, Server Authentication", eku: [EKU.serverAuthentication], subject: "supplyInRequest", version: 1, enroll: [DU], expected: ["ADCS_ESC15_V1_SUPPLIED_SUBJECT"] },
  { name: "v1, supply subject, Client Authentication", eku: CLIENT, subject: "supplyInRequest", version: 1, enroll: [DU], expected: ["ADCS_ESC1_ENROLLEE_SUPPLIES_SUBJECT", "ADCS_ESC15_V1_SUPPLIED_SUBJECT"] },
  { name: "v1, built from AD", eku: CLIENT, subject: "buildFromAd", version: 1, enroll: [DU], expected: [] },
  { name: "v1, supply subject, admins only", eku: [EKU.serverAuthentication], subject: "supplyInRequest", version: 1, enroll: [DA], expected: [] },
  { name: "Write for Domain Users (unpublished)", eku: CLIENT, subject: "buildFromAd", enroll: [SVC], write: [DU], published: false, expected: ["ADCS_ESC4_TEMPLATE_WRITE"] },
  { name: "Write for the NDES service account", eku: CLIENT, subject: "supplyInRequest", enroll: [SVC], write: [SVC], expected: ["ADCS_ESC4_TEMPLATE_WRITE"] },
  { name: "Write for Domain Admins", eku: CLIENT, subject: "supplyInRequest", enroll: [SVC], write: [DA], expected: [] },
];

describe("ESC codes for template configurations (Certipy's conditions)", () => {
  it("has at least 20 rows", () => expect(TEMPLATE_ROWS.length).toBeGreaterThanOrEqual(20));
  for (const row of TEMPLATE_ROWS)
    it(`${row.name} → ${row.expected.join(", ") || "nothing"}`, () => {
      expect(securityCodes(labWithTemplate(row))).toEqual([...row.expected].sort());
    });

  it("follows nested groups: a group that contains Domain Users is as broad as Domain Users", () => {
    const lab = labWithTemplate({ name: "nested", eku: CLIENT, subject: "supplyInRequest", enroll: [`${nb}\\All Staff`], expected: [] });
    lab.groups.push({ id: "grp-all-staff", name: "All Staff", domain: nb, scope: "global", memberOf: [] });
    lab.groups.find((g) => g.name === "Domain Users")!.memberOf.push("All Staff");
    expect(securityCodes(lab)).toEqual(["ADCS_ESC1_ENROLLEE_SUPPLIES_SUBJECT"]);
  });

  it("is quiet when no broad principal may request certificates from the CA", () => {
    const lab = labWithTemplate({ name: "no request", eku: CLIENT, subject: "supplyInRequest", enroll: [DU], expected: [] });
    for (const a of partsOf(lab).issuing.acl) if (a.principal === "Authenticated Users") a.request = false;
    expect(securityCodes(lab)).toEqual([]);
  });
});

type CaRow = { name: string; edit: (lab: LabSnapshot) => void; expected: string[] };
const CA_ROWS: CaRow[] = [
  { name: "EDITF_ATTRIBUTESUBJECTALTNAME2 set", edit: (l) => void partsOf(l).issuing.editFlags.push("EDITF_ATTRIBUTESUBJECTALTNAME2"), expected: ["ADCS_ESC6_SAN_FLAG"] },
  { name: "EDITF_ATTRIBUTESUBJECTALTNAME2 on a standalone CA", edit: (l) => Object.assign(partsOf(l).root, { type: "standaloneRoot", editFlags: ["EDITF_ATTRIBUTESUBJECTALTNAME2"] }), expected: [] },
  { name: "Authenticated Users Manage CA", edit: (l) => void partsOf(l).issuing.acl.push({ principal: "Authenticated Users", read: true, request: true, issueAndManage: false, manageCa: true }), expected: ["ADCS_ESC7_CA_OFFICER_RIGHTS"] },
  { name: "Domain Users Issue and Manage", edit: (l) => void partsOf(l).issuing.acl.push({ principal: DU, read: true, request: false, issueAndManage: true, manageCa: false }), expected: ["ADCS_ESC7_CA_OFFICER_RIGHTS"] },
  { name: "NDES service account Issue and Manage", edit: (l) => void (partsOf(l).issuing.acl.find((a) => a.principal === SVC)!.issueAndManage = true), expected: ["ADCS_ESC7_CA_OFFICER_RIGHTS"] },
  { name: "NDES computer Manage CA", edit: (l) => void (partsOf(l).issuing.acl.find((a) => a.principal.endsWith("NDES01$"))!.manageCa = true), expected: ["ADCS_ESC7_CA_OFFICER_RIGHTS"] },
  { name: "Web Enrollment as installed (http, NTLM)", edit: (l) => void (l.servers[l.servers.indexOf(partsOf(l).caSrv)] = installFeatures(partsOf(l).caSrv, ["ADCS-Web-Enrollment"])), expected: ["ADCS_ESC8_WEB_ENROLLMENT_NTLM"] },
  {
    name: "Web Enrollment https only, NTLM, Extended Protection Accept",
    edit: (l) => {
      const s = installFeatures(partsOf(l).caSrv, ["ADCS-Web-Enrollment"]);
      s.webEnrollment = { http: false, https: true, ntlm: true, extendedProtection: "accept" };
      l.servers[l.servers.indexOf(partsOf(l).caSrv)] = s;
    },
    expected: ["ADCS_ESC8_WEB_ENROLLMENT_NTLM"],
  },
  {
    name: "Web Enrollment https only, Extended Protection Required",
    edit: (l) => {
      const s = installFeatures(partsOf(l).caSrv, ["ADCS-Web-Enrollment"]);
      s.webEnrollment = { http: false, https: true, ntlm: true, extendedProtection: "required" };
      l.servers[l.servers.indexOf(partsOf(l).caSrv)] = s;
    },
    expected: [],
  },
  {
    name: "Web Enrollment https only, Kerberos only",
    edit: (l) => {
      const s = installFeatures(partsOf(l).caSrv, ["ADCS-Web-Enrollment"]);
      s.webEnrollment = { http: false, https: true, ntlm: false, extendedProtection: "off" };
      l.servers[l.servers.indexOf(partsOf(l).caSrv)] = s;
    },
    expected: [],
  },
  { name: "InterfaceFlags without IF_ENFORCEENCRYPTICERTREQUEST", edit: (l) => void (partsOf(l).issuing.interfaceFlags = ["IF_LOCKICERTREQUEST"]), expected: ["ADCS_ESC11_RPC_NOT_ENCRYPTED"] },
  { name: "InterfaceFlags absent (a CA stored before the field): the default", edit: (l) => void delete partsOf(l).issuing.interfaceFlags, expected: [] },
  { name: "MSCEP points NDES at v1 IPSec (Offline request) that svc-ndes can enroll on", edit: (l) => {
      const ipsec = l.templates.find((t) => t.name === "IPSECIntermediateOffline")!;
      ipsec.security.push({ principal: SVC, read: true, write: false, enroll: true, autoenroll: false });
    }, expected: ["ADCS_ESC15_V1_SUPPLIED_SUBJECT"] },
];

describe("ESC codes for CA configurations", () => {
  for (const row of CA_ROWS)
    it(`${row.name} → ${row.expected.join(", ") || "nothing"}`, () => {
      const lab = correctLab({ now: NOW });
      row.edit(lab);
      expect(securityCodes(lab)).toEqual([...row.expected].sort());
    });
});

describe("the correct setup", () => {
  it("gets no security error or warning, only the info on the NDES computer's Issue and Manage", () => {
    const findings = run(correctLab({ now: NOW })).filter((f) => f.category === "security");
    expect(findings.map((f) => `${f.severity}:${f.code}`)).toEqual(["info:ADCS_ESC7_NDES_COMPUTER_ISSUE_MANAGE"]);
    expect(findings[0]!.message).toContain("revoke");
  });

  it("seeds 000–002 done right (correctTenant) get no error or warning from any rule", () => {
    const serious = evaluate(correctTenant(), ALL_RULES).filter((f) => f.severity !== "info");
    expect(serious.map((f) => f.code)).toEqual([]);
  });
});

describe("each security code's broken variant gives exactly that code", () => {
  const variants = securityBrokenVariants({ now: NOW });
  it("covers every security rule", () => expect([...SECURITY_VARIANT_CODES].sort()).toEqual(ADCS_SECURITY_RULES.map((r) => r.code).sort()));
  for (const rule of ADCS_SECURITY_RULES)
    it(`${rule.code} (${rule.severity})`, () => {
      const lab = variants[rule.code]!();
      const mine = run(lab).filter((f) => f.code === rule.code);
      expect(mine.length).toBeGreaterThan(0);
      expect(mine[0]!.category).toBe("security");
      expect(mine[0]!.attackPath!.length).toBeGreaterThanOrEqual(3);
      expect(loud(lab)).toEqual(rule.severity === "info" ? [] : [rule.code]);
    });

  it("words ESC1's path as the issue does", () => {
    const f = run(variants.ADCS_ESC1_ENROLLEE_SUPPLIES_SUBJECT!()).find((x) => x.code === "ADCS_ESC1_ENROLLEE_SUPPLIES_SUBJECT")!;
    expect(f.attackPath!.join(" → ")).toBe("CONTOSO\\Domain Users → Enroll on 'Intune SCEP' → supply subject → Client Authentication → logon as anyone");
    expect(f.message).toContain("administrator@corp.contoso.com");
  });
});
