// The `{{...}}` variables of a SCEP profile's subject name format and subject alternative names (S5,
// rules-reference.md C.2): which exist, a parser that finds syntax errors ("enclose the variable name in double
// curly brackets {{ }} … to avoid an error"), and the preview the wizard shows for a sample user and device.

export type VariableScope = "user" | "device";

export type SampleUser = {
  userPrincipalName?: string;
  /** {{UserName}}; defaults to the UPN's alias. */
  userName?: string;
  emailAddress?: string;
  onPremisesDistinguishedName?: string;
  onPremisesSamAccountName?: string;
  onPremisesSecurityIdentifier?: string;
  onPremisesUserPrincipalName?: string;
  department?: string;
  givenName?: string;
  surname?: string;
};
export type SampleDevice = {
  /** Microsoft Entra device id ({{AAD_Device_ID}}). */
  aadDeviceId?: string;
  /** Intune device id ({{DeviceId}}). */
  deviceId?: string;
  serialNumber?: string;
  imei?: string;
  meid?: string;
  deviceName?: string;
  fullyQualifiedDomainName?: string;
  wifiMacAddress?: string;
};
export type SubjectSample = { user?: SampleUser; device?: SampleDevice };

export type SubjectVariable = {
  /** As the docs write it, e.g. "UserPrincipalName". Matching is case-insensitive ({{SERIALNUMBER}} appears too). */
  name: string;
  scope: VariableScope;
  description: string;
  resolve(sample: SubjectSample): string | undefined;
};

const u = (name: string, description: string, pick: (s: SampleUser) => string | undefined): SubjectVariable => ({
  name,
  scope: "user",
  description,
  resolve: (s) => (s.user ? pick(s.user) : undefined),
});
const d = (name: string, description: string, pick: (s: SampleDevice) => string | undefined): SubjectVariable => ({
  name,
  scope: "device",
  description,
  resolve: (s) => (s.device ? pick(s.device) : undefined),
});

/** The variables of S5 (user and device attributes). */
export const SUBJECT_VARIABLES: readonly SubjectVariable[] = [
  u("UserName", "user name", (x) => x.userName ?? x.userPrincipalName?.split("@")[0]),
  u("UserPrincipalName", "user principal name", (x) => x.userPrincipalName),
  u("EmailAddress", "email address", (x) => x.emailAddress),
  u("OnPrem_Distinguished_Name", "on-premises distinguished name (synced by Entra Connect)", (x) => x.onPremisesDistinguishedName),
  u("OnPremisesSamAccountName", "on-premises sAMAccountName", (x) => x.onPremisesSamAccountName),
  u("OnPremisesSecurityIdentifier", "on-premises SID (strong certificate mapping)", (x) => x.onPremisesSecurityIdentifier),
  u("OnPremisesUserPrincipalName", "on-premises user principal name", (x) => x.onPremisesUserPrincipalName),
  u("Department", "department", (x) => x.department),
  u("GivenName", "given name", (x) => x.givenName),
  u("SurName", "surname", (x) => x.surname),
  d("AAD_Device_ID", "Microsoft Entra device ID", (x) => x.aadDeviceId),
  d("AzureADDeviceId", "Microsoft Entra device ID", (x) => x.aadDeviceId),
  d("DeviceId", "Intune device ID", (x) => x.deviceId),
  d("Device_Serial", "serial number", (x) => x.serialNumber),
  d("SerialNumber", "serial number", (x) => x.serialNumber),
  d("Device_IMEI", "IMEI", (x) => x.imei),
  d("IMEI", "IMEI", (x) => x.imei),
  d("IMEINumber", "IMEI", (x) => x.imei),
  d("MEID", "MEID", (x) => x.meid),
  d("DeviceName", "device name", (x) => x.deviceName),
  d("FullyQualifiedDomainName", "fully qualified domain name (domain-joined Windows only)", (x) => x.fullyQualifiedDomainName),
  d("WiFiMacAddress", "Wi-Fi MAC address", (x) => x.wifiMacAddress),
];

const byLowerName = new Map(SUBJECT_VARIABLES.map((v) => [v.name.toLowerCase(), v]));

export function findVariable(name: string): SubjectVariable | undefined {
  return byLowerName.get(name.trim().toLowerCase());
}

// ------------------------------------------------------------------------------------------ parsing

export type Token =
  | { kind: "text"; text: string; start: number }
  | { kind: "variable"; raw: string; name: string; variable: SubjectVariable | undefined; start: number };

export type SyntaxIssue = {
  kind: "singleBrace" | "unclosed" | "unopened" | "emptyVariable" | "unknownVariable" | "bareVariable";
  /** Character offset in the format string. */
  at: number;
  /** What was found, e.g. "{UserName}" or "{{UserName". */
  found: string;
  message: string;
};

const ORDINARY_WORDS = new Set(["Department", "IMEI", "MEID"]);

export type ParsedFormat = { tokens: Token[]; issues: SyntaxIssue[]; variables: SubjectVariable[] };

/** Splits a subject name format or SAN value into text and `{{variables}}`, reporting every syntax problem. */
export function parseFormat(format: string): ParsedFormat {
  const tokens: Token[] = [];
  const issues: SyntaxIssue[] = [];
  let text = "";
  let textStart = 0;
  const flush = (at: number) => {
    if (text) tokens.push({ kind: "text", text, start: textStart });
    text = "";
    textStart = at;
  };
  let i = 0;
  while (i < format.length) {
    if (format.startsWith("{{", i)) {
      const close = format.indexOf("}}", i + 2);
      const nextOpen = format.indexOf("{{", i + 2);
      if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
        const end = nextOpen >= 0 ? nextOpen : format.length;
        const found = format.slice(i, end);
        issues.push({ kind: "unclosed", at: i, found, message: `'${found}' is not closed with }}` });
        text += found;
        i = end;
        continue;
      }
      const raw = format.slice(i, close + 2);
      const name = format.slice(i + 2, close);
      flush(i);
      const variable = findVariable(name);
      if (name.trim() === "") issues.push({ kind: "emptyVariable", at: i, found: raw, message: `'${raw}' names no variable` });
      else if (/[{}]/.test(name))
        issues.push({ kind: "singleBrace", at: i, found: raw, message: `'${raw}' has a stray curly bracket` });
      else if (!variable)
        issues.push({ kind: "unknownVariable", at: i, found: raw, message: `'${raw}' is not a supported variable` });
      tokens.push({ kind: "variable", raw, name: variable?.name ?? name, variable, start: i });
      i = close + 2;
      textStart = i;
      continue;
    }
    const ch = format[i]!;
    if (ch === "{" || ch === "}") {
      const m = ch === "{" ? /^\{[^{}]*\}?/.exec(format.slice(i)) : null;
      const found = m?.[0] ?? (format.startsWith("}}", i) ? "}}" : ch);
      const kind = found === "}}" ? "unopened" : "singleBrace";
      const message =
        kind === "unopened"
          ? `'}}' closes no variable`
          : `'${found}' uses a single curly bracket; enclose the variable name in double curly brackets, e.g. {{UserName}}`;
      issues.push({ kind, at: i, found, message });
      text += found;
      i += found.length;
      continue;
    }
    text += ch;
    i++;
  }
  flush(i);

  // "CN=UserPrincipalName": a variable name, exactly as documented, written as an attribute's whole value without
  // {{ }}. Ordinary words that are also variable names (OU=Department) are left alone.
  for (const t of tokens) {
    if (t.kind !== "text") continue;
    for (const m of t.text.matchAll(/=\s*([A-Za-z_]+)\s*(?=[,+]|$)/g)) {
      const candidate = m[1]!;
      const v = findVariable(candidate);
      if (!v || v.name !== candidate || ORDINARY_WORDS.has(candidate)) continue;
      issues.push({
        kind: "bareVariable",
        at: t.start + (m.index ?? 0) + m[0].indexOf(candidate),
        found: candidate,
        message: `'${candidate}' is the variable {{${v.name}}} written without double curly brackets`,
      });
    }
  }

  const variables = tokens.flatMap((t) => (t.kind === "variable" && t.variable ? [t.variable] : []));
  return { tokens, issues: issues.sort((a, b) => a.at - b.at), variables };
}

/** The variables a format uses, by scope. */
export function variablesOf(format: string | null | undefined): { user: string[]; device: string[] } {
  const vars = format ? parseFormat(format).variables : [];
  return {
    user: [...new Set(vars.filter((v) => v.scope === "user").map((v) => v.name))],
    device: [...new Set(vars.filter((v) => v.scope === "device").map((v) => v.name))],
  };
}

/** Text following a variable in a SAN value must not contain { } | or ; (S5). */
export function illegalCharsAfterVariables(value: string): string[] {
  const { tokens } = parseFormat(value);
  const found = new Set<string>();
  let afterVariable = false;
  for (const t of tokens) {
    if (t.kind === "variable") afterVariable = true;
    else if (afterVariable) for (const ch of t.text.match(/[{}|;]/g) ?? []) found.add(ch);
  }
  return [...found];
}

export type SubjectPreview = {
  /** The format with every resolvable variable replaced. */
  text: string;
  /** Variables the sample has no value for (left as written). */
  unresolved: string[];
  issues: SyntaxIssue[];
};

/** Resolves a format for the wizard's preview, e.g. "CN={{UserName}},E={{EmailAddress}}" → "CN=adele,E=adele@…". */
export function previewSubject(format: string, sample: SubjectSample): SubjectPreview {
  const { tokens, issues } = parseFormat(format);
  const unresolved: string[] = [];
  const text = tokens
    .map((t) => {
      if (t.kind === "text") return t.text;
      const value = t.variable?.resolve(sample);
      if (value === undefined) {
        unresolved.push(t.name);
        return t.raw;
      }
      return value;
    })
    .join("");
  return { text, unresolved: [...new Set(unresolved)], issues };
}
