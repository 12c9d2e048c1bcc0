// Real certificates for the lab (packages/pki): CA key pairs and certificates, and certificates a lab CA issues,
// turned into the CertRef the consoles and the rules read.
import { createRootCa, createSubordinateCa, loadCa, type CaMaterial, type LoadedCa } from "@certlab/pki/ca";
import { issueCertificate, type IssuedCertificate } from "@certlab/pki/issue";
import type { CertificateInfo, SubjectAlternativeName } from "@certlab/pki/certificate-info";
import type { CertRef } from "@certlab/domain/lab/snapshot";

export function certRefOf(info: CertificateInfo, extra: Partial<CertRef> = {}): CertRef {
  return {
    thumbprint: info.thumbprint,
    subject: info.subject,
    issuer: info.issuer,
    notBefore: info.notBefore,
    notAfter: info.notAfter,
    isCa: info.isCa,
    eku: info.extendedKeyUsage.map((e) => e.oid),
    san: info.subjectAlternativeNames.filter((s) => s.type === "dns").map((s) => s.value),
    hasPrivateKey: false,
    signatureAlgorithm: info.signatureAlgorithmFriendly,
    ...(info.keySize ? { keySize: info.keySize } : {}),
    ...extra,
  };
}

/** The DN suffix of a CA in an AD forest: "corp.contoso.com" → "DC=corp,DC=contoso,DC=com". */
export function dcSuffix(domainFqdn: string | undefined): string | undefined {
  if (!domainFqdn) return undefined;
  return domainFqdn.split(".").filter(Boolean).map((p) => `DC=${p}`).join(",");
}

const yearsBetween = (from: string, to: string) => Math.max(1, Math.round((Date.parse(to) - Date.parse(from)) / (365.25 * 86_400_000)));

export async function makeCaMaterial(spec: {
  name: string;
  domainFqdn?: string;
  notBefore: string;
  notAfter: string;
  keySize?: number;
  parent?: CaMaterial;
  crlUrl?: string;
  aiaUrl?: string;
}): Promise<CaMaterial> {
  const common = {
    commonName: spec.name,
    dnSuffix: dcSuffix(spec.domainFqdn),
    notBefore: new Date(spec.notBefore),
    validityYears: yearsBetween(spec.notBefore, spec.notAfter),
    keySize: (spec.keySize === 4096 || spec.keySize === 3072 ? spec.keySize : 2048) as 2048 | 3072 | 4096,
  };
  return spec.parent ? createSubordinateCa(spec.parent, { ...common, crlUrl: spec.crlUrl, aiaUrl: spec.aiaUrl }) : createRootCa(common);
}

const loaded = new WeakMap<CaMaterial, Promise<LoadedCa>>();
export function loadedCa(material: CaMaterial): Promise<LoadedCa> {
  let hit = loaded.get(material);
  if (!hit) loaded.set(material, (hit = loadCa(material)));
  return hit;
}

export async function issueFrom(
  material: CaMaterial,
  req: {
    subject: string;
    notBefore?: string;
    validityDays: number;
    keySize?: number;
    keyUsage?: string[];
    eku?: string[];
    san?: string[];
    /** Typed SANs (UPN, DNS…), written after the DNS names of `san`. */
    sans?: SubjectAlternativeName[];
    /** The requester's public key (SPKI DER, from a PKCS#10 request); absent = a key pair is generated. */
    publicKey?: Uint8Array;
    crlUrl?: string;
    aiaUrl?: string;
  },
): Promise<IssuedCertificate> {
  const sans: SubjectAlternativeName[] = [...(req.san ?? []).map((value): SubjectAlternativeName => ({ type: "dns", value })), ...(req.sans ?? [])];
  return issueCertificate(await loadedCa(material), {
    subject: req.subject,
    keySize: req.keySize ?? 2048,
    validityDays: req.validityDays,
    ...(req.notBefore ? { notBefore: new Date(req.notBefore) } : {}),
    keyUsage: req.keyUsage ?? [],
    extendedKeyUsage: req.eku ?? [],
    subjectAlternativeNames: sans,
    ...(req.publicKey ? { publicKey: req.publicKey } : {}),
    ...(req.crlUrl ? { crlUrl: req.crlUrl } : {}),
    ...(req.aiaUrl ? { aiaUrl: req.aiaUrl } : {}),
  });
}

/** Key usage a template's Request Handling › Purpose gives ("Signature and encryption" = both). */
export function keyUsageFor(template: { purpose: "signature" | "encryption" | "signatureAndEncryption"; keyUsage?: { nonRepudiation: boolean } }): string[] {
  const ku = template.purpose === "signature" ? ["digitalSignature"] : template.purpose === "encryption" ? ["keyEncipherment"] : ["digitalSignature", "keyEncipherment"];
  if (template.keyUsage?.nonRepudiation) ku.push("nonRepudiation");
  return ku;
}
