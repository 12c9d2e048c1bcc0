// Catalogue A.6: syntax of the subject name format and subject alternative names of a SCEP profile.
import { illegalCharsAfterVariables, parseFormat, previewSubject, type SubjectSample } from "../../../intune/subject-name";
import type { ScepContext } from "../../../intune/snapshot";
import { intuneRule, named, quote, ref } from "../intune-rule";

/** The subject name format and every SAN value, labelled for messages. */
export function formats(c: ScepContext): { where: string; value: string; san: boolean }[] {
  const out: { where: string; value: string; san: boolean }[] = [];
  if (c.settings.subjectNameFormatString) out.push({ where: "subject name", value: c.settings.subjectNameFormatString, san: false });
  for (const s of c.settings.customSubjectAlternativeNames)
    out.push({ where: `subject alternative name (${s.sanType})`, value: s.name, san: true });
  if (c.settings.subjectAlternativeNameFormatString)
    out.push({ where: "subject alternative name", value: c.settings.subjectAlternativeNameFormatString, san: true });
  return out;
}

export const PROF_SUBJECT_VARIABLE_BRACES = intuneRule(
  {
    code: "PROF_SUBJECT_VARIABLE_BRACES",
    severity: "error",
    title: "A variable in the subject name or a SAN is not in double curly brackets",
    why: "Intune replaces only {{Variable}}; anything else is sent as literal text, or the profile fails.",
    fix: "Write each variable as {{Name}}, e.g. CN={{UserPrincipalName}}, and remove stray { }.",
    symptom: '"enclose the variable name in double curly brackets {{ }} … to avoid an error"',
    sources: ["S5", "S10"],
  },
  (ix, report) => {
    for (const c of ix.scep)
      for (const f of formats(c)) {
        const issues = parseFormat(f.value).issues.filter((i) => i.kind !== "unknownVariable");
        if (issues.length)
          report([ref.scep(c)], `SCEP profile ${named(c.profile)}, ${f.where} '${f.value}': ${issues.map((i) => i.message).join("; ")}.`);
      }
  },
);

export const PROF_SAN_ILLEGAL_CHARS = intuneRule(
  {
    code: "PROF_SAN_ILLEGAL_CHARS",
    severity: "error",
    title: "A SAN value has { } | or ; in the text after a variable",
    why: "Intune can't resolve a SAN value whose static text after a variable holds these characters.",
    fix: '"Don\'t use curly brackets { }, pipe symbols |, and semicolons ;, in the text that follows the variable."',
    symptom: "—",
    sources: ["S5"],
  },
  (ix, report) => {
    for (const c of ix.scep)
      for (const f of formats(c).filter((x) => x.san)) {
        const bad = illegalCharsAfterVariables(f.value);
        if (bad.length) report([ref.scep(c)], `SCEP profile ${named(c.profile)}, ${f.where} '${f.value}' has ${quote(bad)} after a variable.`);
      }
  },
);

export const PROF_SUBJECT_ESCAPED_SPECIAL = intuneRule(
  {
    code: "PROF_SUBJECT_ESCAPED_SPECIAL",
    severity: "error",
    title: "The subject name escapes a special character with a backslash",
    why: "A backslash-escaped + , ; or = makes the subject in the CSR differ from the one Intune put in the challenge.",
    fix: 'Put the value in quotes (CN="Contoso, Ltd") or remove the character.',
    symptom:
      'CRP: "Subject Name in CSR … and challenge … do not match" / "Exception: System.ArgumentException: Subject Name in ' +
      'CSR and challenge do not match at Microsoft.ConfigurationManager.CertRegPoint.ChallengeValidation.ValidationPhase3(…)"',
    sources: ["S5"],
  },
  (ix, report) => {
    for (const c of ix.scep) {
      const s = c.settings.subjectNameFormatString;
      const escaped = s ? [...new Set(s.match(/\\[+,;=]/g) ?? [])] : [];
      if (escaped.length) report([ref.scep(c)], `SCEP profile ${named(c.profile)}, subject name '${s}' escapes ${quote(escaped)}.`);
    }
  },
);

export const PROF_SUBJECT_DN_COMMA_UNQUOTED = intuneRule(
  {
    code: "PROF_SUBJECT_DN_COMMA_UNQUOTED",
    severity: "error",
    title: "{{OnPrem_Distinguished_Name}} is used in the subject without quotes",
    why: "A distinguished name contains commas; unquoted, they split the subject into other attributes.",
    fix: 'Write CN="{{OnPrem_Distinguished_Name}}" and sync the attribute with Entra Connect.',
    symptom: "same mismatch class (UNCONFIRMED)",
    sources: ["S5"],
  },
  (ix, report) => {
    for (const c of ix.scep) {
      const s = c.settings.subjectNameFormatString;
      if (s && /(^|[,+]\s*)[A-Za-z]+\s*=\s*\{\{\s*OnPrem_Distinguished_Name\s*\}\}/i.test(s))
        report([ref.scep(c)], `SCEP profile ${named(c.profile)}, subject name '${s}' has {{OnPrem_Distinguished_Name}} without quotes.`);
    }
  },
);

/** A sample for a directory user: what the directory knows of them. */
function sampleOf(user: { userPrincipalName: string }): SubjectSample {
  return { user: { userPrincipalName: user.userPrincipalName, emailAddress: user.userPrincipalName } };
}

export const PROF_SUBJECT_GT_64 = intuneRule(
  {
    code: "PROF_SUBJECT_GT_64",
    severity: "warning",
    title: "The resolved subject name is longer than 64 characters",
    why: "By default the CA enforces a 64-character limit on subject names and denies longer requests.",
    fix: "Shorten the subject name, or disable DN length enforcement on the CA.",
    symptom: "see CA_DN_LENGTH_ENFORCED",
    sources: ["S5"],
  },
  (ix, report, _snapshot, directory) => {
    for (const c of ix.scep) {
      const s = c.settings.subjectNameFormatString;
      if (!s) continue;
      // Resolve for the assigned users the directory knows; a subject without variables is measured as written.
      const audience = ix.audienceOf(c.profile.id);
      const users = [...audience.members].flatMap((m) => directory.usersById.get(m) ?? []);
      const candidates =
        parseFormat(s).variables.length === 0
          ? [{ name: "", text: s }]
          : users.flatMap((u) => {
              const p = previewSubject(s, sampleOf(u));
              return p.unresolved.length === 0 ? [{ name: u.userPrincipalName, text: p.text }] : [];
            });
      const long = candidates.find((x) => x.text.length > 64);
      if (long)
        report(
          [ref.scep(c)],
          `SCEP profile ${named(c.profile)}: the subject '${long.text}'${long.name ? ` (for ${long.name})` : ""} is ${long.text.length} characters.`,
        );
    }
  },
);
