import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webcrypto } from "node:crypto";
import { createRootCa, createSubordinateCa, generateRsaKeyPair, loadCa, type CaMaterial, type LoadedCa } from "./ca.js";
import { EKU, nameFromRfc4514, PkiInputError } from "./certificate-info.js";
import { issueCertificate, selfSignedCertificate, verifyChain } from "./issue.js";
import { Scratch, openssl, opensslOk } from "./test-openssl.js";

const tmp = new Scratch();
let root: CaMaterial;
let issuing: CaMaterial;
let issuingLoaded: LoadedCa;
const CRL = "http://pki.contoso.com/CertEnroll/Contoso%20Issuing%20CA.crl";
const AIA = "http://pki.contoso.com/CertEnroll/Contoso%20Issuing%20CA.crt";

beforeAll(async () => {
  root = await createRootCa({ commonName: "Contoso Root CA", dnSuffix: "DC=corp,DC=contoso,DC=com" });
  issuing = await createSubordinateCa(root, { commonName: "Contoso Issuing CA", dnSuffix: "DC=corp,DC=contoso,DC=com" });
  issuingLoaded = await loadCa(issuing);
  tmp.write("root.pem", root.certificatePem);
  tmp.write("issuing.pem", issuing.certificatePem);
});

afterAll(() => tmp.cleanup());

function opensslVerify(name: string, pem: string, extra: string[] = []) {
  tmp.write(name, pem);
  return openssl(["verify", ...extra, "-CAfile", tmp.path("root.pem"), "-untrusted", tmp.path("issuing.pem"), tmp.path(name)]);
}

describe("issueCertificate", () => {
  it("a request's own public key from an RSA CA (SCEP, CSRs) gives byte for byte X509CertificateGenerator's certificate", async () => {
    const keys = await generateRsaKeyPair(2048);
    const spki = new Uint8Array(await webcrypto.subtle.exportKey("spki", keys.publicKey));
    for (const serialNumber of ["7f01", "80ff", "00c3", "0042aa"]) {
      const req = {
        subject: "CN=adele@contoso.com, OU=Devices, O=Contoso",
        notBefore: new Date("2026-11-30T10:11:12.345Z"),
        validityDays: 365,
        serialNumber,
        keyUsage: ["digitalSignature", "keyEncipherment"] as const,
        extendedKeyUsage: [EKU.clientAuthentication],
        subjectAlternativeNames: [{ type: "upn" as const, value: "adele@contoso.com" }, { type: "dns" as const, value: "adele-iphone.contoso.com" }],
        crlUrl: CRL,
        aiaUrl: AIA,
      };
      const direct = await issueCertificate(issuingLoaded, { ...req, keyUsage: [...req.keyUsage], publicKey: spki });
      const generator = await issueCertificate(issuingLoaded, { ...req, keyUsage: [...req.keyUsage], publicKey: spki.slice().buffer });
      expect(direct.certificatePem).toBe(generator.certificatePem);
      // The subject given as DER too (ScepCsr.subjectDer): the same certificate.
      const subjectDer = new Uint8Array(nameFromRfc4514(req.subject).toArrayBuffer());
      const fromDer = await issueCertificate(issuingLoaded, { ...req, keyUsage: [...req.keyUsage], publicKey: spki, subjectDer });
      expect(fromDer.certificatePem).toBe(generator.certificatePem);
      expect(fromDer.ref).toEqual(direct.ref);
      // The cheap reference agrees with the full description, which is worked out on demand.
      expect(direct.ref).toEqual({ subject: generator.info.subject, serialNumber: generator.info.serialNumber, thumbprint: generator.info.thumbprint, notAfter: generator.info.notAfter });
      expect(direct.info).toEqual(generator.info);
    }
    expect(opensslVerify("direct.pem", (await issueCertificate(issuingLoaded, { subject: "CN=device", publicKey: spki })).certificatePem).status).toBe(0);
  });

  it("issues the NDES 'CEP Encryption' and 'Exchange Enrollment Agent (Offline request)' RA certificates", async () => {
    const cep = await issueCertificate(issuing, {
      subject: "CN=NDES01-MSCEP-RA, OU=IT, O=Contoso, L=Redmond, S=WA, C=US",
      validityDays: 730,
      keyUsage: ["keyEncipherment"],
      extendedKeyUsage: [EKU.certificateRequestAgent],
      crlUrl: CRL,
      aiaUrl: AIA,
    });
    const eea = await issueCertificate(issuingLoaded, {
      subject: "CN=NDES01-MSCEP-RA, OU=IT, O=Contoso, L=Redmond, S=WA, C=US",
      validityDays: 730,
      keyUsage: ["digitalSignature"],
      extendedKeyUsage: [EKU.certificateRequestAgent],
    });
    expect(cep.info.keyUsage).toEqual(["keyEncipherment"]);
    expect(eea.info.keyUsage).toEqual(["digitalSignature"]);
    for (const ra of [cep, eea]) {
      expect(ra.privateKeyPkcs8Pem).toContain("BEGIN PRIVATE KEY");
      expect(ra.info.extendedKeyUsage).toEqual([{ oid: "1.3.6.1.4.1.311.20.2.1", name: "Certificate Request Agent" }]);
      expect(ra.info.subject).toBe("CN=NDES01-MSCEP-RA, OU=IT, O=Contoso, L=Redmond, ST=WA, C=US");
      expect(ra.info.issuer).toBe(issuing.info.subject);
      expect(ra.info.authorityKeyIdentifier).toBe(issuing.info.subjectKeyIdentifier);
      expect(ra.info.isCa).toBe(false);
    }
    expect(cep.info.crlDistributionPoints).toEqual([CRL]);
    expect(cep.info.authorityInfoAccess).toEqual([AIA]);
    expect(opensslVerify("cep.pem", cep.certificatePem).output).toContain("cep.pem: OK");
    expect(opensslVerify("eea.pem", eea.certificatePem).output).toContain("eea.pem: OK");
    expect(await verifyChain(cep.certificatePem, issuing)).toMatchObject({ valid: true });
  });

  it("issues the IIS server certificate that openssl accepts for TLS server use", async () => {
    const iis = await issueCertificate(issuing, {
      subject: "CN=ndes01.corp.contoso.com",
      validityDays: 365,
      keyUsage: ["digitalSignature", "keyEncipherment"],
      extendedKeyUsage: [EKU.serverAuthentication],
      subjectAlternativeNames: [
        { type: "dns", value: "ndes01.corp.contoso.com" },
        { type: "dns", value: "ndes.contoso.com" },
      ],
    });
    expect(iis.info.extendedKeyUsage).toEqual([{ oid: "1.3.6.1.5.5.7.3.1", name: "Server Authentication" }]);
    const ok = opensslVerify("iis.pem", iis.certificatePem, ["-purpose", "sslserver", "-verify_hostname", "ndes.contoso.com"]);
    expect(ok.output).toContain("iis.pem: OK");
    const wrongHost = opensslVerify("iis.pem", iis.certificatePem, ["-verify_hostname", "intranet.contoso.com"]);
    expect(wrongHost.status).not.toBe(0);
    // openssl's thumbprint equals ours
    const fp = opensslOk(["x509", "-in", tmp.path("iis.pem"), "-noout", "-fingerprint", "-sha1"]);
    expect(fp.split("=")[1]!.trim().replace(/:/g, "")).toBe(iis.info.thumbprint);
  });

  it("issues a client certificate with UPN, email and URI SANs for an existing public key", async () => {
    const keys = await generateRsaKeyPair(2048);
    const spki = new Uint8Array(await webcrypto.subtle.exportKey("spki", keys.publicKey));
    const client = await issueCertificate(issuing, {
      subject: "CN=alice, OU=Users, DC=corp, DC=contoso, DC=com",
      publicKey: spki,
      validityDays: 365,
      keyUsage: ["digitalSignature", "keyEncipherment"],
      extendedKeyUsage: [EKU.clientAuthentication],
      subjectAlternativeNames: [
        { type: "upn", value: "alice@corp.contoso.com" },
        { type: "email", value: "alice@contoso.com" },
        { type: "uri", value: "IntuneDeviceId://{0f3f7c5d-1111-2222-3333-444455556666}" },
      ],
      serialNumber: "1200000042ABCDEF",
    });
    expect(client.privateKeyPkcs8Pem).toBeUndefined();
    expect(client.info.serialNumber).toBe("1200000042ABCDEF");
    expect(client.info.subjectAlternativeNames).toEqual([
      { type: "upn", value: "alice@corp.contoso.com" },
      { type: "email", value: "alice@contoso.com" },
      { type: "uri", value: "IntuneDeviceId://{0f3f7c5d-1111-2222-3333-444455556666}" },
    ]);
    tmp.write("client.pem", client.certificatePem);
    const text = opensslOk(["x509", "-in", tmp.path("client.pem"), "-noout", "-ext", "subjectAltName"]);
    expect(text).toMatch(/othername: UPN::?alice@corp\.contoso\.com/); // OpenSSL 3.0 prints "UPN::"
    expect(text).toContain("email:alice@contoso.com");
    expect(opensslVerify("client.pem", client.certificatePem, ["-purpose", "sslclient"]).output).toContain("OK");
    // the certificate carries the key we gave
    const pub = opensslOk(["x509", "-in", tmp.path("client.pem"), "-noout", "-pubkey"]);
    const spkiFromCert = Buffer.from(pub.replace(/-----[^-]+-----/g, "").replace(/\s+/g, ""), "base64");
    expect(spkiFromCert.equals(Buffer.from(spki))).toBe(true);
  });

  it("rejects unknown key usages and bad DNs with readable errors", async () => {
    await expect(issueCertificate(issuingLoaded, { subject: "CN=x", keyUsage: ["signEverything"] })).rejects.toThrow(
      /Unknown key usage "signEverything"/,
    );
    await expect(
      issueCertificate(issuingLoaded, { subject: "CN=x", extendedKeyUsage: ["client auth"] }),
    ).rejects.toThrow(PkiInputError);
  });
});

describe("verifyChain", () => {
  it("accepts a chain given as certificate list in any order, and reports the path", async () => {
    const leaf = await issueCertificate(issuingLoaded, { subject: "CN=device1", validityDays: 30, keyUsage: ["digitalSignature"] });
    const result = await verifyChain(leaf.info, [root.certificatePem, issuing.info]);
    expect(result.valid).toBe(true);
    expect(result.path.map((p) => p.subjectCommonName)).toEqual(["device1", "Contoso Issuing CA", "Contoso Root CA"]);
  });

  it("fails an expired certificate (openssl agrees)", async () => {
    const expired = await issueCertificate(issuingLoaded, {
      subject: "CN=old.contoso.com",
      notBefore: new Date(Date.now() - 400 * 86_400_000),
      validityDays: 365,
      extendedKeyUsage: [EKU.serverAuthentication],
    });
    const r = await verifyChain(expired.certificatePem, issuing);
    expect(r.valid).toBe(false);
    expect(r.reason).toMatch(/"old.contoso.com" expired on/);
    expect(opensslVerify("expired.pem", expired.certificatePem).output).toContain("certificate has expired");
    // ... and a certificate that is not valid yet is reported as such
    const future = await issueCertificate(issuingLoaded, { subject: "CN=future", notBefore: new Date(Date.now() + 86_400_000) });
    expect((await verifyChain(future.certificatePem, issuing)).reason).toMatch(/"future" is not valid before/);
  });

  it("fails a self-signed leaf (the classic NDES IIS mistake)", async () => {
    const self = await selfSignedCertificate({
      subject: "CN=ndes01.corp.contoso.com",
      validityDays: 365,
      extendedKeyUsage: [EKU.serverAuthentication],
      subjectAlternativeNames: [{ type: "dns", value: "ndes01.corp.contoso.com" }],
    });
    expect(self.info.isSelfSigned).toBe(true);
    expect(self.info.isCa).toBe(false);
    expect(self.privateKeyPkcs8Pem).toContain("PRIVATE KEY");
    const r = await verifyChain(self.certificatePem, issuing);
    expect(r).toMatchObject({ valid: false });
    expect(r.reason).toMatch(/self-signed/);
    expect(opensslVerify("self.pem", self.certificatePem).status).not.toBe(0);
  });

  it("fails when the root is missing, when the chain is from another PKI, and when the issuer is not a CA", async () => {
    const leaf = await issueCertificate(issuingLoaded, { subject: "CN=device2", validityDays: 30 });
    const noRoot = await verifyChain(leaf.certificatePem, [issuing.certificatePem]);
    expect(noRoot.valid).toBe(false);
    expect(noRoot.reason).toMatch(/could not be built to a trusted root/);

    const otherRoot = await createRootCa({ commonName: "Fabrikam Root CA" });
    const other = await verifyChain(leaf.certificatePem, otherRoot);
    expect(other.valid).toBe(false);

    // A leaf (no cA) "issuing" another certificate: openssl and we both refuse it.
    const notCa = await selfSignedCertificate({ subject: "CN=Not A CA", validityDays: 30, keyUsage: ["digitalSignature"] });
    const asCa: CaMaterial = { ...notCa, privateKeyPkcs8Pem: notCa.privateKeyPkcs8Pem };
    const bogus = await issueCertificate(asCa, { subject: "CN=victim", validityDays: 30 });
    const r = await verifyChain(bogus.certificatePem, asCa);
    expect(r.valid).toBe(false);
    expect(r.reason).toMatch(/not a certification authority/);
    tmp.write("notca.pem", notCa.certificatePem);
    tmp.write("bogus.pem", bogus.certificatePem);
    expect(openssl(["verify", "-CAfile", tmp.path("notca.pem"), tmp.path("bogus.pem")]).status).not.toBe(0);
  });

  it("fails a forged certificate whose signature does not verify", async () => {
    const leaf = await issueCertificate(issuingLoaded, { subject: "CN=device3", validityDays: 30 });
    const der = Buffer.from(leaf.certificateDerBase64, "base64");
    const i = der.length - 5;
    der[i] = der[i]! ^ 0xff; // flip bits in the signature
    const r = await verifyChain(new Uint8Array(der), issuing);
    expect(r.valid).toBe(false);
    expect(r.reason).toMatch(/signature of "device3" could not be verified/);
  });
});
