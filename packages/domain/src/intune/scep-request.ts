// What a device puts in its SCEP request for a SCEP certificate profile (rules-reference.md Part B Hop 1 and the
// device's "builds the SCEP request" step; S5): the subject from the Subject name format with the variables
// resolved for this user and device, the subject alternative names, the key usage, EKU and key size. The
// simulated Intune mints its challenge for exactly this (issue 10), and the policy module checks the CSR against it.
import { parseFlags, KEY_USAGES } from "./enums";
import { previewSubject, type SubjectSample } from "./subject-name";

/** Subject name format (Graph subjectNameFormat) → the format text it stands for (S47/S5). */
export const SUBJECT_NAME_FORMATS: Readonly<Record<string, string>> = {
  commonName: "CN={{UserName}}",
  commonNameIncludingEmail: "CN={{UserName}},E={{EmailAddress}}",
  commonNameAsEmail: "CN={{EmailAddress}}",
  commonNameAsIMEI: "CN={{IMEINumber}}",
  commonNameAsSerialNumber: "CN={{SerialNumber}}",
  commonNameAsAadDeviceId: "CN={{AAD_Device_ID}}",
  commonNameAsIntuneDeviceId: "CN={{DeviceId}}",
  commonNameAsDurableDeviceId: "CN={{DeviceId}}",
};

/** Graph sanType → the X.509 GeneralName kind. */
export const SAN_KINDS: Readonly<Record<string, "email" | "upn" | "dns" | "uri">> = {
  emailAddress: "email",
  userPrincipalName: "upn",
  domainNameService: "dns",
  universalResourceIdentifier: "uri",
};

export type ScepRequestSpec = {
  subject: string;
  subjectAlternativeNames: { type: "email" | "upn" | "dns" | "uri"; value: string }[];
  /** "digitalSignature" and/or "keyEncipherment". */
  keyUsage: string[];
  extendedKeyUsage: string[];
  keySize: number;
  /** Variables this user/device has no value for (the profile then fails to install on the device). */
  unresolved: string[];
};

type ScepSettings = {
  subjectNameFormat?: string | null;
  subjectNameFormatString?: string | null;
  customSubjectAlternativeNames?: { sanType: string; name: string }[] | null;
  keyUsage?: string | null;
  keySize?: string | null;
  extendedKeyUsages?: { objectIdentifier: string }[] | null;
};

export function scepRequestFor(settings: Record<string, unknown>, sample: SubjectSample): ScepRequestSpec {
  const s = settings as ScepSettings;
  const format = s.subjectNameFormat === "custom" || !s.subjectNameFormat ? (s.subjectNameFormatString ?? "") : (SUBJECT_NAME_FORMATS[s.subjectNameFormat] ?? s.subjectNameFormatString ?? "");
  const subject = previewSubject(format, sample);
  const unresolved = [...subject.unresolved];
  const sans: ScepRequestSpec["subjectAlternativeNames"] = [];
  for (const san of s.customSubjectAlternativeNames ?? []) {
    const kind = SAN_KINDS[san.sanType];
    if (!kind) continue;
    const v = previewSubject(san.name, sample);
    unresolved.push(...v.unresolved);
    sans.push({ type: kind, value: v.text });
  }
  const ku = parseFlags(KEY_USAGES, s.keyUsage ?? "").members as string[];
  const size = Number(/^size(\d+)$/.exec(s.keySize ?? "size2048")?.[1] ?? 2048);
  return {
    subject: subject.text,
    subjectAlternativeNames: sans,
    keyUsage: ["digitalSignature", "keyEncipherment"].filter((k) => ku.includes(k)),
    extendedKeyUsage: (s.extendedKeyUsages ?? []).map((e) => e.objectIdentifier),
    keySize: size,
    unresolved: [...new Set(unresolved)],
  };
}
