// A.1: the CA and the SCEP template — published to issue, readable by the CA (S1, S17, S49, S51).
import { configuredNdes, labRule, q, ref } from "../lab-rule";

const UNSUPPORTED =
  '"The requested certificate template is not supported by this CA. 0x80094800 (-2146875392 CERTSRV_E_UNSUPPORTED_CERT_TYPE)"';

export const CA_TEMPLATE_NOT_PUBLISHED = labRule(
  {
    code: "CA_TEMPLATE_NOT_PUBLISHED",
    severity: "error",
    title: "The SCEP template is not in the CA's Certificate Templates to Issue",
    why: "A CA issues only from the templates in its Certificate Templates folder; NDES submits every request with the template named in the MSCEP registry.",
    fix: "certsrv.msc > Certificate Templates > Action > New > Certificate Template to Issue > pick the template; verify it shows in the folder",
    symptom:
      `CA Failed Requests: ${UNSUPPORTED}; NDES Application log Event 31 (Microsoft-Windows-NetworkDeviceEnrollmentService) "The Network Device Enrollment Service cannot submit the certificate request (The requested certificate template is not supported by this CA.). 0x80004005" (EVENT_MSCEP_FAIL_SUBMIT). Also possible NDES Event 6: "The Network Device Enrollment Service cannot provide its password because the user does not have Enroll permissions on the configured certificate template, or the certification authority is not enabled to issue certificates based on the configured certificate template."`,
    sources: ["S1", "S17", "S49", "002_823a4c777ce30773.txt"],
  },
  (_lab, ix, report) => {
    for (const c of configuredNdes(ix)) {
      if (!c.ca) continue;
      const published = new Set(c.ca.templatesToIssue.map((t) => t.toLowerCase()));
      const reported = new Set<string>();
      for (const [valueName, r] of Object.entries(c.registry)) {
        const name = r.template?.name ?? r.value;
        if (published.has(name.toLowerCase()) || reported.has(name.toLowerCase())) continue;
        reported.add(name.toLowerCase());
        report(
          [ref.ca(c.ca), ...(r.template ? [ref.template(r.template)] : []), ref.ndes(c)],
          `${valueName} names ${q(name)}, which is not among the templates ${q(c.ca.name)} issues (${c.ca.templatesToIssue.join(", ") || "none"}).`,
        );
      }
    }
  },
);

export const CA_TEMPLATE_UNREADABLE_BY_CA = labRule(
  {
    code: "CA_TEMPLATE_UNREADABLE_BY_CA",
    severity: "error",
    title: "The CA computer can't read the SCEP template",
    why: "The CA reads the template from Active Directory with its computer account; with Authenticated Users removed from the template's Security tab and the CA computer not granted Read, the CA treats the template as unknown.",
    fix: "Re-add Authenticated Users or grant every CA computer account Read on the template",
    symptom: `${UNSUPPORTED}; CA Event 53 "…Denied by Policy Module…"`,
    sources: ["S51"],
  },
  (_lab, ix, report) => {
    for (const c of configuredNdes(ix)) {
      const caServer = c.ca && ix.serversById.get(c.ca.serverId);
      const caComputer = caServer && ix.computerAccount(caServer);
      if (!c.ca || !caComputer) continue;
      for (const t of c.scepTemplates) {
        const readers = t.security.filter((a) => a.read).map((a) => a.principal);
        if (!ix.covers(readers, caComputer))
          report(
            [ref.template(t), ref.ca(c.ca), ref.account(caComputer)],
            `Template ${q(t.name)} grants Read only to ${readers.join(", ") || "nobody"}; the CA computer ${caComputer.domain}\\${caComputer.samAccountName} of ${q(c.ca.name)} is not among them.`,
          );
      }
    }
  },
);
