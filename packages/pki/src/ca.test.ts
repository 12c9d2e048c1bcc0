import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRootCa, createSubordinateCa, exportCaCertificate, loadCa, type CaMaterial } from "./ca.js";
import { parseCertificate, PkiInputError } from "./certificate-info.js";
import { Scratch, openssl, opensslOk } from "./test-openssl.js";

const tmp = new Scratch();
let root: CaMaterial;
let issuing: CaMaterial;

beforeAll(async () => {
  root = await createRootCa({ commonName: "Contoso Root CA", dnSuffix: "DC=corp,DC=contoso,DC=com" });
  issuing = await createSubordinateCa(root, {
    commonName: "Contoso Issuing CA",
    dnSuffix: "DC=corp,DC=contoso,DC=com",
    crlUrl: "http://pki.contoso.com/CertEnroll/Contoso%20Root%20CA.crl",
    aiaUrl: "http://pki.contoso.com/CertEnroll/Contoso%20Root%20CA.crt",
  });
  tmp.write("root.pem", root.certificatePem);
  tmp.write("issuing.pem", issuing.certificatePem);
});

afterAll(() => tmp.cleanup());

describe("createRootCa", () => {
  it("makes a self-signed 20-year root with CA constraints, CA key usages and an SKI", () => {
    const info = root.info;
    expect(info.subject).toBe("CN=Contoso Root CA, DC=corp, DC=contoso, DC=com");
    expect(info.isSelfSigned).toBe(true);
    expect(info.isCa).toBe(true);
    expect(info.pathLength).toBeNull();
    expect(info.keyUsage).toEqual(["digitalSignature", "keyCertSign", "cRLSign"]);
    expect(info.subjectKeyIdentifier).toMatch(/^[0-9A-F]{40}$/);
    expect(info.signatureAlgorithm).toBe("sha256WithRSAEncryption");
    expect(info.keySize).toBe(2048);
    const years = new Date(info.notAfter).getUTCFullYear() - new Date(info.notBefore).getUTCFullYear();
    expect(years).toBe(20);
    expect(root.privateKeyPkcs8Pem).toContain("-----BEGIN PRIVATE KEY-----");
  });

  it("is a CA OpenSSL agrees with (critical basicConstraints, DER order DC=com first)", () => {
    const text = opensslOk(["x509", "-in", tmp.path("root.pem"), "-noout", "-text", "-nameopt", "RFC2253"]);
    expect(text).toMatch(/X509v3 Basic Constraints: critical\s+CA:TRUE/);
    expect(text).toMatch(/X509v3 Key Usage: critical\s+Digital Signature, Certificate Sign, CRL Sign/);
    expect(text).toContain("Subject: CN=Contoso Root CA,DC=corp,DC=contoso,DC=com");
    const oneline = opensslOk(["x509", "-in", tmp.path("root.pem"), "-noout", "-subject", "-nameopt", "compat"]);
    expect(oneline.trim()).toBe("subject=/DC=com/DC=contoso/DC=corp/CN=Contoso Root CA");
    expect(opensslOk(["verify", "-CAfile", tmp.path("root.pem"), tmp.path("root.pem")])).toContain("OK");
  });

  it("can make a SHA-1 root (a legacy mistake the lab flags)", async () => {
    const sha1 = await createRootCa({ commonName: "Old Root", hash: "SHA-1", validityYears: 5 });
    expect(sha1.info.signatureAlgorithm).toBe("sha1WithRSAEncryption");
    expect(sha1.info.signatureAlgorithmFriendly).toBe("sha1RSA");
    expect(sha1.info.subject).toBe("CN=Old Root");
    // what it issues is signed with SHA-1 as well
    const sub = await createSubordinateCa(sha1, { commonName: "Old Sub" });
    expect(sub.info.signatureAlgorithm).toBe("sha1WithRSAEncryption");
  });
});

describe("createSubordinateCa", () => {
  it("is issued by the root with pathLen 0, AKI = root SKI, CDP and AIA", () => {
    const info = issuing.info;
    expect(info.subject).toBe("CN=Contoso Issuing CA, DC=corp, DC=contoso, DC=com");
    expect(info.issuer).toBe(root.info.subject);
    expect(info.isSelfSigned).toBe(false);
    expect(info.isCa).toBe(true);
    expect(info.pathLength).toBe(0);
    expect(info.authorityKeyIdentifier).toBe(root.info.subjectKeyIdentifier);
    expect(info.crlDistributionPoints).toEqual(["http://pki.contoso.com/CertEnroll/Contoso%20Root%20CA.crl"]);
    expect(info.authorityInfoAccess).toEqual(["http://pki.contoso.com/CertEnroll/Contoso%20Root%20CA.crt"]);
    const years = new Date(info.notAfter).getUTCFullYear() - new Date(info.notBefore).getUTCFullYear();
    expect(years).toBe(10);
    expect(issuing.chainPems).toEqual([root.certificatePem]);
  });

  it("verifies with openssl against the root, and not on its own", () => {
    expect(opensslOk(["verify", "-CAfile", tmp.path("root.pem"), tmp.path("issuing.pem")])).toContain("issuing.pem: OK");
    const text = opensslOk(["x509", "-in", tmp.path("issuing.pem"), "-noout", "-text"]);
    expect(text).toMatch(/CA:TRUE, pathlen:0/);
    expect(text).toContain("CA Issuers - URI:http://pki.contoso.com/CertEnroll/Contoso%20Root%20CA.crt");
    const alone = openssl(["verify", "-CAfile", tmp.path("issuing.pem"), tmp.path("issuing.pem")]);
    expect(alone.status).not.toBe(0);
  });
});

describe("loadCa / exportCaCertificate", () => {
  it("round-trips the stored material", async () => {
    const loaded = await loadCa(issuing);
    expect(loaded.hash).toBe("SHA-256");
    expect(loaded.certificate.subject).toContain("Contoso Issuing CA");
    expect(loaded.privateKey.type).toBe("private");
  });

  it("refuses a key that does not belong to the certificate", async () => {
    await expect(loadCa({ ...issuing, privateKeyPkcs8Pem: root.privateKeyPkcs8Pem })).rejects.toThrow(PkiInputError);
    await expect(loadCa({ ...issuing, privateKeyPkcs8Pem: "nope" })).rejects.toThrow(/PKCS#8/);
  });

  it("exports like certutil -ca.cert: DER bytes, base64 body, or full PEM", () => {
    const der = exportCaCertificate(root, "der");
    expect(der).toBeInstanceOf(Uint8Array);
    expect(parseCertificate(der).thumbprint).toBe(root.info.thumbprint);
    const b64 = exportCaCertificate(root, "base64");
    expect(b64).not.toContain("-----");
    expect(Buffer.from(b64.replace(/\s+/g, ""), "base64")).toEqual(Buffer.from(der));
    expect(exportCaCertificate(root, "pem")).toBe(root.certificatePem);
    tmp.write("root.der", der);
    const fp = opensslOk(["x509", "-inform", "DER", "-in", tmp.path("root.der"), "-noout", "-fingerprint", "-sha1"]);
    expect(fp.split("=")[1]!.trim().replace(/:/g, "")).toBe(root.info.thumbprint);
  });
});
