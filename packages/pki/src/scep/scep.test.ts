import { describe, expect, it } from "vitest";
import { webcrypto } from "node:crypto";
import { x509 } from "../x509-setup.js";
import { createRootCa, exportPkcs8Pem, generateRsaKeyPair } from "../ca.js";
import { issueCertificate } from "../issue.js";
import { certificateDer, nameFromRfc4514, parseCertificate, toPem } from "../certificate-info.js";
import { createHash, createPrivateKey, sign as rsaSign } from "node:crypto";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { buildCaRaCertResponse, buildCertRep, buildPkcsReq, envelope, parseCertRep, parsePkiMessage, parseWellFormed, parseWithPkijs, signMessage, ScepError, type ScepAttribute, type ScepCipher } from "./message.js";
import { readScepCsr } from "./csr.js";
import { checkBinding, mintChallenge, newChallengeKeys, openChallenge } from "./challenge.js";
import { openssl, Scratch } from "../test-openssl.js";

// The SignedData of RFC 5652 5.1 as pkijs builds it from its object model: the reference the direct asn1js build in
// message.ts (signMessage, buildCaRaCertResponse) must match byte for byte.
const ab = (u: Uint8Array) => new Uint8Array(u).buffer;
const DIGEST_OIDS = { sha1: "1.3.14.3.2.26", sha256: "2.16.840.1.101.3.4.2.1", sha512: "2.16.840.1.101.3.4.2.3" } as const;
function pkijsSignedData(o: { attributes: ScepAttribute[]; content?: Uint8Array; digest: keyof typeof DIGEST_OIDS; signerCertificatePem: string; signerKeyPem: string; certificates?: string[]; signingTime: Date }): Uint8Array {
  const certOf = (pem: string) => pkijs.Certificate.fromBER(ab(certificateDer(pem)));
  const signer = certOf(o.signerCertificatePem);
  const content = Buffer.from(o.content ?? new Uint8Array());
  const attrs = [
    new pkijs.Attribute({ type: "1.2.840.113549.1.9.3", values: [new asn1js.ObjectIdentifier({ value: "1.2.840.113549.1.7.1" })] }),
    new pkijs.Attribute({ type: "1.2.840.113549.1.9.4", values: [new asn1js.OctetString({ valueHex: ab(createHash(o.digest).update(content).digest()) })] }),
    new pkijs.Attribute({ type: "1.2.840.113549.1.9.5", values: [new asn1js.UTCTime({ valueDate: o.signingTime })] }),
    ...o.attributes.map((a) => new pkijs.Attribute({ type: a.type, values: [a.value] })),
  ]
    .map((a) => ({ a, der: Buffer.from(a.toSchema().toBER(false)) }))
    .sort((x, y) => Buffer.compare(x.der, y.der))
    .map((e) => e.a);
  const setDer = Buffer.from(new asn1js.Set({ value: attrs.map((a) => a.toSchema()) }).toBER(false));
  const signature = rsaSign(o.digest, setDer, createPrivateKey(o.signerKeyPem));
  const digestAlgorithm = new pkijs.AlgorithmIdentifier({ algorithmId: DIGEST_OIDS[o.digest], algorithmParams: new asn1js.Null() });
  const sd = new pkijs.SignedData({
    version: 1,
    digestAlgorithms: [digestAlgorithm],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: "1.2.840.113549.1.7.1" }),
    certificates: [signer, ...(o.certificates ?? []).map(certOf)],
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({ issuer: signer.issuer, serialNumber: signer.serialNumber }),
        digestAlgorithm,
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes: attrs }),
        signatureAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: "1.2.840.113549.1.1.1", algorithmParams: new asn1js.Null() }),
        signature: new asn1js.OctetString({ valueHex: ab(signature) }),
      }),
    ],
  });
  if (o.content) sd.encapContentInfo.eContent = new asn1js.OctetString({ valueHex: ab(content) });
  return new Uint8Array(new pkijs.ContentInfo({ contentType: "1.2.840.113549.1.7.2", content: sd.toSchema(true) }).toSchema().toBER(false));
}


async function setup() {
  const ca = await createRootCa({ commonName: "Test Issuing CA" });
  const sign = await issueCertificate(ca, { subject: "CN=NDES01-MSCEP-RA, C=US", keyUsage: ["digitalSignature"], extendedKeyUsage: ["1.3.6.1.4.1.311.20.2.1"] });
  const enc = await issueCertificate(ca, { subject: "CN=NDES01-MSCEP-RA, C=US", keyUsage: ["keyEncipherment"], extendedKeyUsage: ["1.3.6.1.4.1.311.20.2.1"] });
  const ra = { signingCertificatePem: sign.certificatePem, signingKeyPem: sign.privateKeyPkcs8Pem!, encryptionCertificatePem: enc.certificatePem, encryptionKeyPem: enc.privateKeyPkcs8Pem! };
  return { ca, ra };
}

async function csrWith(subject: string, challenge: string | undefined, sans: x509.JsonGeneralName[] = []) {
  const keys = await generateRsaKeyPair(2048);
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({
    name: nameFromRfc4514(subject),
    keys,
    signingAlgorithm: { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" },
    extensions: sans.length ? [new x509.SubjectAlternativeNameExtension(sans)] : [],
    attributes: challenge ? [new x509.ChallengePasswordAttribute(challenge)] : [],
  });
  const keyPem = await exportPkcs8Pem(keys.privateKey);
  const self = await x509.X509CertificateGenerator.createSelfSigned({ name: subject, keys, notBefore: new Date(), notAfter: new Date(Date.now() + 86_400_000) });
  return { csrDer: new Uint8Array(csr.rawData), keyPem, selfPem: toPem(new Uint8Array(self.rawData)) };
}

describe("SCEP messages", () => {
  it("GetCACert is a certs-only PKCS#7 that OpenSSL reads with every certificate in order", async () => {
    const { ca, ra } = await setup();
    const der = buildCaRaCertResponse([ra.signingCertificatePem, ra.encryptionCertificatePem, ca.certificatePem]);
    const s = new Scratch();
    try {
      s.write("ca.p7b", der);
      const out = openssl(["pkcs7", "-inform", "DER", "-in", s.path("ca.p7b"), "-print_certs", "-noout"]);
      expect(out.status).toBe(0);
      expect(out.output.match(/subject=/g)?.length).toBe(3);
      expect(out.output).toContain("Test Issuing CA");
    } finally {
      s.cleanup();
    }
  });

  for (const cipher of ["des-cbc", "des-ede3-cbc", "aes-128-cbc", "aes-256-cbc"] as ScepCipher[]) {
    it(`round-trips a PKCSReq and a SUCCESS CertRep (${cipher})`, async () => {
      const { ca, ra } = await setup();
      const c = await csrWith("CN=device1, O=Contoso", "secret");
      const req = buildPkcsReq({ csrDer: c.csrDer, signerCertificatePem: c.selfPem, signerKeyPem: c.keyPem, recipientCertificatePem: ra.encryptionCertificatePem, transactionId: "TX1", cipher, digest: cipher === "des-cbc" ? "sha1" : "sha256" });
      const parsed = parsePkiMessage(req, ra);
      expect(parsed.messageType).toBe("19");
      expect(parsed.cipher).toBe(cipher);
      const csr = await readScepCsr(parsed.messageData);
      expect(csr.subject).toBe("CN=device1, O=Contoso");
      expect(csr.challengePassword).toBe("secret");
      expect(csr.signatureValid).toBe(true);
      const issued = await issueCertificate(ca, { subject: csr.subject, publicKey: csr.spkiDer });
      const rep = buildCertRep(parsed, { status: "SUCCESS", certificatePem: issued.certificatePem }, ra);
      const back = parseCertRep(rep, ra.signingCertificatePem, c.keyPem);
      expect(back.signatureValid).toBe(true);
      expect(back.pkiStatus).toBe("0");
      expect(back.transactionId).toBe("TX1");
      expect(back.recipientNonce?.equals(parsed.senderNonce)).toBe(true);
      expect(parseCertificate(back.certificates[0]!).subject).toBe("CN=device1, O=Contoso");
    });
  }

  it("a FAILURE CertRep carries failInfo badRequest and verifies with the RA signing certificate (openssl cms)", async () => {
    const { ra } = await setup();
    const c = await csrWith("CN=device2", "x");
    const parsed = parsePkiMessage(buildPkcsReq({ csrDer: c.csrDer, signerCertificatePem: c.selfPem, signerKeyPem: c.keyPem, recipientCertificatePem: ra.encryptionCertificatePem, transactionId: "TX2" }), ra);
    const rep = buildCertRep(parsed, { status: "FAILURE", failInfo: "badRequest" }, ra);
    const back = parseCertRep(rep, ra.signingCertificatePem);
    expect(back).toMatchObject({ pkiStatus: "2", failInfo: "2", signatureValid: true, certificates: [] });
    const s = new Scratch();
    try {
      s.write("rep.der", rep);
      s.write("ra.pem", ra.signingCertificatePem);
      s.write("empty", "");
      // A FAILURE has no content (its messageDigest is the hash of nothing): verify as detached over an empty file.
      const v = openssl(["cms", "-verify", "-binary", "-inform", "DER", "-in", s.path("rep.der"), "-content", s.path("empty"), "-noverify", "-certfile", s.path("ra.pem"), "-out", s.path("o")]);
      expect(v.output).toContain("Verification successful");
    } finally {
      s.cleanup();
    }
  });

  it("refuses an envelope not addressed to the CEP Encryption certificate and a tampered signature", async () => {
    const { ca, ra } = await setup();
    const c = await csrWith("CN=device3", "x");
    const toCa = buildPkcsReq({ csrDer: c.csrDer, signerCertificatePem: c.selfPem, signerKeyPem: c.keyPem, recipientCertificatePem: ca.certificatePem, transactionId: "T" });
    expect(() => parsePkiMessage(toCa, ra)).toThrow(ScepError);
    const ok = buildPkcsReq({ csrDer: c.csrDer, signerCertificatePem: c.selfPem, signerKeyPem: c.keyPem, recipientCertificatePem: ra.encryptionCertificatePem, transactionId: "T" });
    const bad = new Uint8Array(ok);
    bad[bad.length - 5] = (bad[bad.length - 5] ?? 0) ^ 0xff; // inside the signature
    expect(() => parsePkiMessage(bad, ra)).toThrow(/signature|decode/);
  });

  it("a CSR whose signature does not match its content is invalid; an EC request is checked too", async () => {
    const c = await csrWith("CN=device5, O=Contoso", "pw");
    expect((await readScepCsr(c.csrDer)).signatureValid).toBe(true);
    const tampered = new Uint8Array(c.csrDer);
    tampered[tampered.length - 3] = (tampered[tampered.length - 3] ?? 0) ^ 0x01; // inside the signature
    expect((await readScepCsr(tampered)).signatureValid).toBe(false);
    const ecKeys = await webcrypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign", "verify"]);
    const ec = await x509.Pkcs10CertificateRequestGenerator.create({ name: "CN=ec-device", keys: ecKeys, signingAlgorithm: { name: "ECDSA", hash: "SHA-256" } });
    expect((await readScepCsr(new Uint8Array(ec.rawData))).signatureValid).toBe(true);
  });

  it("signMessage and GetCACert's PKCS#7 are byte for byte what pkijs builds; an envelope opens with pkijs", async () => {
    const { ca, ra } = await setup();
    const signingTime = new Date("2026-12-08T00:00:00Z");
    const attributes: ScepAttribute[] = [
      { type: "2.16.840.1.113733.1.9.2", value: new asn1js.PrintableString({ value: "3" }) },
      { type: "2.16.840.1.113733.1.9.7", value: new asn1js.PrintableString({ value: "T-1" }) },
      { type: "2.16.840.1.113733.1.9.6", value: new asn1js.OctetString({ valueHex: ab(new Uint8Array(16).fill(7)) }) },
      { type: "1.3.6.1.5.5.7.24.1", value: new asn1js.Utf8String({ value: "é — a failure text" }) },
    ];
    for (const [digest, content] of [["sha256", new Uint8Array([1, 2, 3])], ["sha1", undefined], ["sha512", new Uint8Array(3000).fill(0x30)]] as const) {
      const o = { attributes, digest, signerCertificatePem: ra.signingCertificatePem, signerKeyPem: ra.signingKeyPem, signingTime, ...(content ? { content } : {}) };
      expect(Buffer.from(signMessage(o)).toString("hex"), digest).toBe(Buffer.from(pkijsSignedData(o)).toString("hex"));
    }
    const withChain = { attributes, digest: "sha256" as const, signerCertificatePem: ra.signingCertificatePem, signerKeyPem: ra.signingKeyPem, signingTime, certificates: [ca.certificatePem] };
    expect(Buffer.from(signMessage(withChain)).equals(Buffer.from(pkijsSignedData(withChain)))).toBe(true);

    const pems = [ra.signingCertificatePem, ra.encryptionCertificatePem, ca.certificatePem];
    const reference = new pkijs.ContentInfo({
      contentType: "1.2.840.113549.1.7.2",
      content: new pkijs.SignedData({ version: 1, encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: "1.2.840.113549.1.7.1" }), certificates: pems.map((p) => pkijs.Certificate.fromBER(ab(certificateDer(p)))) }).toSchema(true),
    });
    expect(Buffer.from(buildCaRaCertResponse(pems)).equals(Buffer.from(reference.toSchema().toBER(false)))).toBe(true);

    // The envelope: pkijs reads it as one KeyTransRecipientInfo to the recipient's issuer and serial, with the
    // content as a primitive [0] (the round trips above decrypt it).
    const raEnc = pkijs.Certificate.fromBER(ab(certificateDer(ra.encryptionCertificatePem)));
    for (const cipher of ["des-ede3-cbc", "aes-128-cbc", "aes-256-cbc"] as const) {
      const env = new pkijs.EnvelopedData({ schema: pkijs.ContentInfo.fromBER(ab(envelope(new Uint8Array(777).fill(0x5a), certificateDer(ra.encryptionCertificatePem), cipher))).content });
      expect(env.recipientInfos).toHaveLength(1);
      const rid = (env.recipientInfos[0]!.value as pkijs.KeyTransRecipientInfo).rid as pkijs.IssuerAndSerialNumber;
      expect(rid.issuer.isEqual(raEnc.issuer) && rid.serialNumber.isEqual(raEnc.serialNumber)).toBe(true);
      expect(env.encryptedContentInfo.encryptedContent?.idBlock.isConstructed).toBe(false);
    }
  });

  it("the fast reading (asn1-schema, schemas.ts) and the full one (pkijs) agree on every cipher and digest, and on what they refuse", async () => {
    const { ca, ra } = await setup();
    const c = await csrWith("CN=device4, O=Contoso", "y".repeat(400));
    const plain = (p: ReturnType<typeof parsePkiMessage>) => ({ ...p, signerSpkiDer: Buffer.from(p.signerSpkiDer).toString("hex"), signerPublicKey: p.signerPublicKey.export({ type: "spki", format: "der" }).toString("hex"), senderNonce: p.senderNonce.toString("hex"), messageData: Buffer.from(p.messageData).toString("hex"), signer: { issuerDer: Buffer.from(p.signer.issuerDer).toString("hex"), serialNumber: Buffer.from(p.signer.serialNumber).toString("hex"), publicKey: p.signer.publicKey.export({ type: "spki", format: "der" }).toString("hex") } });
    for (const [cipher, digest] of [["des-cbc", "sha1"], ["des-ede3-cbc", "sha256"], ["aes-128-cbc", "sha256"], ["aes-256-cbc", "sha512"]] as const) {
      const msg = buildPkcsReq({ csrDer: c.csrDer, signerCertificatePem: c.selfPem, signerKeyPem: c.keyPem, recipientCertificatePem: ra.encryptionCertificatePem, transactionId: `T-${cipher}`, cipher, digest });
      const fast = parseWellFormed(msg, ra);
      expect(fast, `${cipher}/${digest} takes the fast reading`).toBeDefined();
      expect(plain(fast!)).toEqual(plain(parseWithPkijs(msg, ra)));
      expect(plain(parsePkiMessage(msg, ra))).toEqual(plain(fast!));
    }
    const toCa = buildPkcsReq({ csrDer: c.csrDer, signerCertificatePem: c.selfPem, signerKeyPem: c.keyPem, recipientCertificatePem: ca.certificatePem, transactionId: "T" });
    const refusal = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof ScepError ? `${e.ndesEventId} ${e.failInfo} ${e.message}` : String(e);
      }
      return "accepted";
    };
    expect(refusal(() => parsePkiMessage(toCa, ra))).toBe(refusal(() => parseWithPkijs(toCa, ra)));
    expect(refusal(() => parsePkiMessage(toCa, ra))).toMatch(/^18 badMessageCheck .*CEP Encryption/);
  });
});

describe("Intune-style challenge", () => {
  const base = { tenantId: "t", profileId: "p", deviceName: "dev1", subject: "CN=dev1, O=Contoso", subjectAlternativeNames: [{ type: "upn", value: "adele@contoso.com" }], keyUsage: ["digitalSignature", "keyEncipherment"], extendedKeyUsage: ["1.3.6.1.5.5.7.3.2"], keySize: 2048 };
  it("opens what it minted and binds it to the CSR's subject and SAN", async () => {
    const keys = newChallengeKeys();
    const { challenge } = mintChallenge(keys, { ...base, expiresDateTime: new Date(Date.now() + 60_000).toISOString() });
    expect(challenge).toMatch(/^[A-Za-z0-9+/=]+$/);
    const v = openChallenge(keys, challenge);
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    const good = await readScepCsr((await csrWith("CN=dev1, O=Contoso", challenge, [{ type: "upn", value: "adele@contoso.com" }])).csrDer);
    expect(checkBinding(v.claims, good)).toEqual({ ok: true });
    const other = await readScepCsr((await csrWith("CN=someone-else, O=Contoso", challenge, [{ type: "upn", value: "adele@contoso.com" }])).csrDer);
    expect(checkBinding(v.claims, other)).toMatchObject({ ok: false, message: expect.stringContaining("Subject Name in CSR and challenge do not match") });
    const noSan = await readScepCsr((await csrWith("CN=dev1, O=Contoso", challenge)).csrDer);
    expect(checkBinding(v.claims, noSan).ok).toBe(false);
  });
  it("refuses tampered, foreign and expired challenges", () => {
    const keys = newChallengeKeys();
    const { challenge } = mintChallenge(keys, { ...base, expiresDateTime: new Date(Date.now() + 60_000).toISOString() });
    const raw = Buffer.from(challenge, "base64");
    raw[raw.length - 3] = (raw[raw.length - 3] ?? 0) ^ 1;
    expect(openChallenge(keys, raw.toString("base64"))).toMatchObject({ ok: false, reason: "tampered" });
    expect(openChallenge(newChallengeKeys(), challenge)).toMatchObject({ ok: false, reason: "tampered" });
    const old = mintChallenge(keys, { ...base, expiresDateTime: new Date(Date.now() - 1000).toISOString() });
    expect(openChallenge(keys, old.challenge)).toMatchObject({ ok: false, reason: "expired" });
    expect(openChallenge(keys, undefined)).toMatchObject({ ok: false, reason: "missing" });
  });
});
