// "Enroll a real client": the command lines that enroll a real SCEP client with the one-time challenge Intune
// hands this device for a profile (POST /api/intune/devices/{id}/scep-challenge). The flags are the ones the
// real-client tests run (apps/api/test/scep-helpers.ts: micromdm scepclient, strongSwan pki --scep) and
// docs/enrollment.md ("Enroll a real client": sscep); scep-reference.md has the interop pitfalls.
import type { z } from "zod";
import type { ZScepChallenge } from "@certlab/domain/lab/scep-schemas";

export type ScepChallenge = z.output<typeof ZScepChallenge>;
export type San = ScepChallenge["subjectAlternativeNames"][number];

export type ClientCommands = {
  client: "scepclient" | "strongswan" | "sscep";
  title: string;
  /** The Debian package, when Debian has the client. */
  debianPackage: string | null;
  script: string;
  /** Why this client cannot send what the profile asks for (the policy module would refuse it), if it can't. */
  caveats: string[];
};

/** A value in single quotes for a POSIX shell. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** "CN=a,OU=b\,c,O=d" → [["CN","a"],["OU","b,c"],["O","d"]] (commas escaped with a backslash stay in the value). */
export function parseRdns(subject: string): [string, string][] {
  const out: string[] = [];
  let cur = "";
  for (let i = 0; i < subject.length; i++) {
    const ch = subject[i]!;
    if (ch === "\\" && i + 1 < subject.length) {
      cur += subject[++i];
      continue;
    }
    if (ch === "," || ch === "+") {
      out.push(cur);
      cur = "";
      continue;
    }
    cur += ch;
  }
  if (cur.trim()) out.push(cur);
  return out
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const eq = part.indexOf("=");
      return eq < 0 ? (["CN", part] as [string, string]) : ([part.slice(0, eq).trim(), part.slice(eq + 1).trim()] as [string, string]);
    });
}

/** scepclient always sends exactly C=US, O=scep-client, OU=MDM, CN=<cn> (scep-helpers.ts). */
function scepclientSubjectFits(rdns: [string, string][]): boolean {
  const rest = rdns.filter(([k]) => k.toUpperCase() !== "CN");
  const norm = rest.map(([k, v]) => `${k.toUpperCase()}=${v}`).sort();
  return rdns.filter(([k]) => k.toUpperCase() === "CN").length === 1 && norm.join(",") === ["C=US", "O=scep-client", "OU=MDM"].join(",");
}

const keyUsageText = (ku: readonly string[]) => (ku.length ? ku.join(", ") : "digitalSignature, keyEncipherment");

export function scepclientCommands(ch: ScepChallenge, url: string, deviceName: string): ClientCommands {
  const rdns = parseRdns(ch.subject);
  const cn = rdns.find(([k]) => k.toUpperCase() === "CN")?.[1] ?? deviceName;
  const caveats: string[] = [];
  if (!scepclientSubjectFits(rdns))
    caveats.push(
      `scepclient always sends the subject "C=US, O=scep-client, OU=MDM, CN=<cn>"; this profile asks for "${ch.subject}", so the connector refuses the challenge (subject mismatch). Give the profile the subject name format CN={{DeviceName}},OU=MDM,O=scep-client,C=US to use scepclient.`,
    );
  if (ch.subjectAlternativeNames.length)
    caveats.push("scepclient has no option for subject alternative names; this profile asks for some, so the request won't match the challenge.");
  const dir = `scep-${deviceName}`.replace(/[^A-Za-z0-9._-]/g, "_");
  return {
    client: "scepclient",
    title: "micromdm scepclient",
    debianPackage: "scep",
    caveats,
    script: [
      "# scepclient reuses csr.pem and self.pem next to the key: one fresh folder per enrollment. The key must be PKCS#1.",
      `mkdir ${dir} && cd ${dir}`,
      `openssl genrsa -traditional -out k.pem ${ch.keySize}`,
      `scepclient -server-url ${shellQuote(url)} -private-key k.pem -certificate device.crt -challenge ${shellQuote(ch.challenge)} -cn ${shellQuote(cn)}`,
    ].join("\n"),
  };
}

/** strongSwan's --san: an identity with a type prefix; it has none for a UPN or a URI. */
function strongswanSan(san: San): string | null {
  if (san.type === "email") return `email:${san.value}`;
  if (san.type === "dns") return `dns:${san.value}`;
  return null;
}

export function strongswanCommands(ch: ScepChallenge, url: string): ClientCommands {
  // strongSwan writes --dn in DER order: the RDNs of the subject string reversed (docs/enrollment.md).
  const dn = parseRdns(ch.subject)
    .reverse()
    .map(([k, v]) => `${k}=${v.replace(/,/g, "\\,")}`)
    .join(", ");
  const caveats: string[] = [];
  const sans: string[] = [];
  for (const san of ch.subjectAlternativeNames) {
    const s = strongswanSan(san);
    if (s) sans.push(s);
    else caveats.push(`strongSwan pki has no --san type for a ${san.type === "upn" ? "user principal name" : "URI"} ("${san.value}"): the request won't carry it and won't match the challenge.`);
  }
  return {
    client: "strongswan",
    title: "strongSwan pki --scep",
    debianPackage: "strongswan-pki",
    caveats,
    script: [
      `pki --scepca --url ${shellQuote(url)} --caout ca.crt --raout ra.crt --outform pem`,
      "# strongSwan names the RA certificates ra.crt and ra-2.crt in its own order: the encryption one has Key Encipherment,",
      "# the signing one Digital Signature (openssl x509 -in ra.crt -noout -ext keyUsage). Swap them below if needed.",
      `pki --gen --type rsa --size ${ch.keySize} --outform pem > sw.key`,
      [
        `pki --scep --url ${shellQuote(url)} --in sw.key --dn ${shellQuote(dn)}`,
        ...sans.map((s) => `--san ${shellQuote(s)}`),
        `--password ${shellQuote(ch.challenge)}`,
        "--cacert-enc ra.crt --cacert-sig ra-2.crt --cacert ca.crt --outform pem > sw.crt",
      ].join(" "),
    ].join("\n"),
  };
}

/** openssl's subjectAltName syntax for one SAN (otherName for a UPN, Microsoft's OID 1.3.6.1.4.1.311.20.2.3). */
function opensslSan(san: San): string {
  switch (san.type) {
    case "email":
      return `email:${san.value}`;
    case "dns":
      return `DNS:${san.value}`;
    case "uri":
      return `URI:${san.value}`;
    case "upn":
      return `otherName:1.3.6.1.4.1.311.20.2.3;UTF8:${san.value}`;
  }
}

/** Intune's subject attribute names (subject-name.ts) → openssl's config names where they differ. */
const OPENSSL_ATTRIBUTE: Readonly<Record<string, string>> = { E: "emailAddress", S: "ST", SERIALNUMBER: "serialNumber", STREET: "street", DC: "DC" };

export function sscepCommands(ch: ScepChallenge, url: string): ClientCommands {
  // An openssl [dn] section lists the RDNs in DER order (the subject string reversed); a repeated attribute needs
  // a "0." / "1." prefix.
  const seen = new Map<string, number>();
  const dnLines = parseRdns(ch.subject)
    .reverse()
    .map(([attr, v]) => {
      const k = OPENSSL_ATTRIBUTE[attr.toUpperCase()] ?? attr;
      const n = seen.get(k) ?? 0;
      seen.set(k, n + 1);
      return `${n ? `${n}.` : ""}${k} = ${v}`;
    });
  const ku = keyUsageText(ch.keyUsage);
  const cnf = [
    "[req]",
    "prompt = no",
    "distinguished_name = dn",
    "attributes = attrs",
    "req_extensions = ext",
    "[dn]",
    ...dnLines,
    "[attrs]",
    `challengePassword = ${ch.challenge}`,
    "[ext]",
    `keyUsage = critical, ${ku}`,
    ...(ch.subjectAlternativeNames.length ? [`subjectAltName = ${ch.subjectAlternativeNames.map(opensslSan).join(", ")}`] : []),
  ];
  return {
    client: "sscep",
    title: "sscep",
    debianPackage: null,
    caveats: [],
    script: [
      `sscep getca -u ${shellQuote(url)} -c ca.crt`,
      "# With several certificates in the answer sscep writes ca.crt-0, ca.crt-1, …: use the CA certificate for -c and",
      "# the RA encryption certificate (Key Encipherment) for -e below.",
      "cat > req.cnf <<'EOF'",
      ...cnf,
      "EOF",
      `openssl req -new -newkey rsa:${ch.keySize} -nodes -keyout local.key -out local.csr -config req.cnf`,
      `sscep enroll -u ${shellQuote(url)} -c ca.crt -k local.key -r local.csr -l local.crt`,
    ].join("\n"),
  };
}

export function clientCommands(ch: ScepChallenge, url: string, deviceName: string): ClientCommands[] {
  return [scepclientCommands(ch, url, deviceName), strongswanCommands(ch, url), sscepCommands(ch, url)];
}
