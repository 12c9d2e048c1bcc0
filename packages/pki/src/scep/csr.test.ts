import { describe, expect, it } from "vitest";
import { constants, createPublicKey, verify, webcrypto, type KeyObject } from "node:crypto";
import { x509 } from "../x509-setup.js";
import { generateRsaKeyPair } from "../ca.js";
import { KEY_USAGE_NAMES, nameFromRfc4514, normalizeDn, rfc4514, sansFromGeneralNames } from "../certificate-info.js";
import { ScepError, SIGNATURE_DIGEST } from "./message.js";
import { readScepCsr, type ScepCsr } from "./csr.js";

// The reading before the asn1-schema rewrite (@peculiar/x509's Pkcs10CertificateRequest), kept as the reference.
async function referenceSignatureValid(csr: x509.Pkcs10CertificateRequest, key: KeyObject): Promise<boolean> {
  // @peculiar/x509 keeps the parsed request (`asn`) and the signed bytes as received (`tbs`) out of its typings.
  const inner = csr as unknown as { asn: { signatureAlgorithm: { algorithm: string } }; tbs: ArrayBuffer };
  // sha*WithRSAEncryption checked with node:crypto on the key already imported (no WebCrypto import per request).
  const digest = SIGNATURE_DIGEST[inner.asn.signatureAlgorithm.algorithm];
  if (!digest || key.asymmetricKeyType !== "rsa") return csr.verify();
  try {
    return verify(digest, new Uint8Array(inner.tbs), { key, padding: constants.RSA_PKCS1_PADDING }, new Uint8Array(csr.signature));
  } catch {
    return false;
  }
}

async function referenceReadScepCsr(der: Uint8Array): Promise<Omit<ScepCsr, "subjectDer">> {
  let csr: x509.Pkcs10CertificateRequest;
  try {
    csr = new x509.Pkcs10CertificateRequest(der);
  } catch {
    throw new ScepError("The message data is not a PKCS#10 certificate request.", "badRequest", 16);
  }
  const spkiDer = Buffer.from(csr.publicKey.rawData);
  const key = createPublicKey({ key: spkiDer, format: "der", type: "spki" });
  const keySize = key.asymmetricKeyDetails?.modulusLength ?? 0;
  const pw = csr.getAttribute("1.2.840.113549.1.9.7");
  const challengePassword = pw ? (pw instanceof x509.ChallengePasswordAttribute ? pw : new x509.ChallengePasswordAttribute(pw.rawData)).password : undefined;
  const ku = csr.extensions.find((e): e is x509.KeyUsagesExtension => e instanceof x509.KeyUsagesExtension);
  const eku = csr.extensions.find((e): e is x509.ExtendedKeyUsageExtension => e instanceof x509.ExtendedKeyUsageExtension);
  const san = csr.extensions.find((e) => e.type === "2.5.29.17");
  const subject = rfc4514(csr.subjectName);
  let subjectNormalized: string;
  try {
    subjectNormalized = subject ? normalizeDn(subject) : "";
  } catch {
    subjectNormalized = subject.toLowerCase();
  }
  return {
    subject,
    subjectNormalized,
    subjectAlternativeNames: san ? sansFromGeneralNames(san.value) : [],
    ...(ku ? { keyUsage: KEY_USAGE_NAMES.filter((_, i) => (ku.usages & (1 << i)) !== 0) } : {}),
    ...(eku ? { extendedKeyUsage: eku.usages.map(String) } : {}),
    keySize,
    ...(challengePassword !== undefined ? { challengePassword } : {}),
    spkiDer,
    signatureValid: await referenceSignatureValid(csr, key),
  };
}

const rsa = generateRsaKeyPair(2048);

async function request(opts: { subject: string; challenge?: string; extensions?: x509.Extension[]; ec?: boolean }): Promise<Uint8Array> {
  const keys = opts.ec ? await webcrypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign", "verify"]) : await rsa;
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({
    name: opts.ec ? opts.subject : nameFromRfc4514(opts.subject),
    keys,
    signingAlgorithm: opts.ec ? { name: "ECDSA", hash: "SHA-256" } : { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" },
    extensions: opts.extensions ?? [],
    attributes: opts.challenge !== undefined ? [new x509.ChallengePasswordAttribute(opts.challenge)] : [],
  });
  return new Uint8Array(csr.rawData);
}

async function same(der: Uint8Array): Promise<ScepCsr> {
  const now = await readScepCsr(der);
  const { subjectDer, ...rest } = now;
  expect(rest).toEqual(await referenceReadScepCsr(der));
  // subjectDer is the Name as in the request: the same Name the subject string prints.
  expect(rfc4514(new x509.Name(subjectDer))).toBe(now.subject);
  return now;
}

describe("readScepCsr (asn1-schema) reads what the @peculiar/x509 reading read", () => {
  it("with and without key usage, EKU, SANs (DNS, email, UPN, URI, IP) and challenge", async () => {
    const ku = new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment | x509.KeyUsageFlags.decipherOnly, true);
    const eku = new x509.ExtendedKeyUsageExtension(["1.3.6.1.5.5.7.3.2", "1.3.6.1.4.1.311.20.2.2"]);
    const san = new x509.SubjectAlternativeNameExtension([
      { type: "dns", value: "dev1.contoso.com" },
      { type: "email", value: "adele@contoso.com" },
      { type: "upn", value: "adele@contoso.com" },
      { type: "url", value: "IntuneDeviceId://{0f3f7c5d-1111-2222-3333-444455556666}" },
    ]);
    const ip = new x509.SubjectAlternativeNameExtension([{ type: "dns", value: "a.contoso.com" }, { type: "ip", value: "10.1.2.3" }, { type: "ip", value: "2001:db8:0:0:1:0:0:1" }]);
    const cases: Parameters<typeof request>[0][] = [
      { subject: "CN=dev1, O=Contoso" },
      { subject: "CN=dev1, O=Contoso", challenge: "secret" },
      { subject: "CN=dev1, O=Contoso", challenge: "" },
      { subject: "CN=alice, OU=Users, DC=corp, DC=contoso, DC=com", challenge: "c".repeat(600), extensions: [ku] },
      { subject: "CN=NDES01-MSCEP-RA, OU=IT, O=Contoso, L=Redmond, S=WA, C=US", extensions: [ku, eku, san] },
      { subject: "CN=Ünïcødé \\, comma+E=x@contoso.com, O=\"Quoted, Inc\"", extensions: [eku, ip] },
      { subject: "CN=#0403616263, O=a\\+b\\=c", extensions: [san] },
    ];
    for (const c of cases) await same(await request(c));
    const r = await same(await request(cases[4]!));
    expect(r.keyUsage).toEqual(["digitalSignature", "keyEncipherment", "decipherOnly"]);
    expect(r.subjectAlternativeNames.map((s) => s.type)).toEqual(["dns", "email", "upn", "uri"]);
  });

  it("an EC key (keySize as before: 0), a bad signature, a known key, and a non-CSR", async () => {
    const ec = await same(await request({ subject: "CN=ec-device", ec: true }));
    expect(ec.signatureValid).toBe(true);
    expect(ec.keySize).toBe(0);
    const good = await request({ subject: "CN=device5, O=Contoso", challenge: "pw" });
    const bad = new Uint8Array(good);
    bad[bad.length - 3] = bad[bad.length - 3]! ^ 1;
    expect((await same(bad)).signatureValid).toBe(false);
    const r = await same(good);
    const publicKey = createPublicKey({ key: r.spkiDer, format: "der", type: "spki" });
    expect(await readScepCsr(good, { spkiDer: new Uint8Array(r.spkiDer), publicKey })).toEqual(r);
    // a known key that is not the request's is not used
    const other = createPublicKey({ key: Buffer.from(ec.spkiDer), format: "der", type: "spki" });
    expect(await readScepCsr(good, { spkiDer: new Uint8Array(ec.spkiDer), publicKey: other })).toEqual(r);
    for (const junk of [Uint8Array.of(1, 2, 3), Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x00)]) {
      const e = await readScepCsr(junk).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(ScepError);
      expect(e).toMatchObject({ message: "The message data is not a PKCS#10 certificate request.", failInfo: "badRequest", ndesEventId: 16 });
    }
  });
});
