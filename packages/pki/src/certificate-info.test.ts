import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { detectCertificateFile, isExpired, parseCertificate, PkiInputError } from "./certificate-info.js";
import { Scratch, opensslOk } from "./test-openssl.js";

/** Certificates made by the OpenSSL CLI, so the parser is checked against an independent implementation. */
const tmp = new Scratch();
let rootPem = "";
let rootDer: Uint8Array = new Uint8Array();
let leafPem = "";

beforeAll(() => {
  tmp.write(
    "root.cnf",
    [
      "[req]",
      "distinguished_name=dn",
      "prompt=no",
      "x509_extensions=v3_ca",
      "[dn]",
      "0.DC=com",
      "1.DC=contoso",
      "2.DC=corp",
      "CN=Contoso Root CA",
      "[v3_ca]",
      "basicConstraints=critical,CA:true,pathlen:1",
      "keyUsage=critical,keyCertSign,cRLSign,digitalSignature",
      "subjectKeyIdentifier=hash",
    ].join("\n"),
  );
  opensslOk([
    "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", tmp.path("root.key"), "-out", tmp.path("root.pem"),
    "-days", "3650", "-sha256", "-config", tmp.path("root.cnf"), "-set_serial", "0x1A2B3C4D5E6F",
  ]);
  opensslOk(["x509", "-in", tmp.path("root.pem"), "-outform", "DER", "-out", tmp.path("root.der")]);
  tmp.write(
    "leaf.ext",
    [
      "basicConstraints=CA:FALSE",
      "keyUsage=critical,digitalSignature,keyEncipherment",
      "extendedKeyUsage=clientAuth,1.3.6.1.4.1.311.20.2.1",
      "subjectAltName=DNS:ndes.contoso.com,email:alice@contoso.com,otherName:1.3.6.1.4.1.311.20.2.3;UTF8:alice@corp.contoso.com,URI:https://contoso.com/x,IP:10.0.0.5",
      "crlDistributionPoints=URI:http://pki.contoso.com/CertEnroll/Contoso%20Root%20CA.crl",
      "authorityInfoAccess=caIssuers;URI:http://pki.contoso.com/CertEnroll/root.crt,OCSP;URI:http://ocsp.contoso.com/ocsp",
      "subjectKeyIdentifier=hash",
      "authorityKeyIdentifier=keyid",
    ].join("\n"),
  );
  opensslOk([
    "req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", tmp.path("leaf.key"), "-out", tmp.path("leaf.csr"),
    "-subj", "/C=US/O=Contoso/CN=ndes.contoso.com",
  ]);
  opensslOk([
    "x509", "-req", "-in", tmp.path("leaf.csr"), "-CA", tmp.path("root.pem"), "-CAkey", tmp.path("root.key"),
    "-set_serial", "0x00F1", "-days", "30", "-sha1", "-extfile", tmp.path("leaf.ext"), "-out", tmp.path("leaf.pem"),
  ]);
  rootPem = Buffer.from(tmp.read("root.pem")).toString("utf8");
  rootDer = tmp.read("root.der");
  leafPem = Buffer.from(tmp.read("leaf.pem")).toString("utf8");
});

afterAll(() => tmp.cleanup());

function fingerprint(file: string, alg: "-sha1" | "-sha256"): string {
  const out = opensslOk(["x509", "-noout", "-fingerprint", alg, "-in", tmp.path(file)]);
  return out.split("=")[1]!.trim().replace(/:/g, "");
}

describe("parseCertificate", () => {
  it("reads a root CA the way Windows shows it", () => {
    const info = parseCertificate(rootPem);
    expect(info.subject).toBe("CN=Contoso Root CA, DC=corp, DC=contoso, DC=com");
    expect(info.issuer).toBe(info.subject);
    expect(info.subjectCommonName).toBe("Contoso Root CA");
    expect(info.serialNumber).toBe("1A2B3C4D5E6F");
    expect(info.thumbprint).toBe(fingerprint("root.pem", "-sha1"));
    expect(info.sha256Thumbprint).toBe(fingerprint("root.pem", "-sha256"));
    expect(info.isCa).toBe(true);
    expect(info.pathLength).toBe(1);
    expect(info.isSelfSigned).toBe(true);
    expect(info.keyAlgorithm).toBe("RSA");
    expect(info.keySize).toBe(2048);
    expect(info.signatureAlgorithm).toBe("sha256WithRSAEncryption");
    expect(info.signatureAlgorithmFriendly).toBe("sha256RSA");
    expect(info.keyUsage).toEqual(["digitalSignature", "keyCertSign", "cRLSign"]);
    expect(info.subjectKeyIdentifier).toMatch(/^[0-9A-F]{40}$/);
  });

  it("accepts DER bytes, PEM text, PEM bytes and bare base64 alike", () => {
    const fromPem = parseCertificate(rootPem);
    expect(parseCertificate(rootDer)).toEqual(fromPem);
    expect(parseCertificate(new TextEncoder().encode(rootPem))).toEqual(fromPem);
    expect(parseCertificate(Buffer.from(rootDer).toString("base64"))).toEqual(fromPem);
    expect(fromPem.derBase64).toBe(Buffer.from(rootDer).toString("base64"));
  });

  it("reads the end-entity extensions (KU, EKU, SAN incl. UPN and IP, CDP, AIA) and dates", () => {
    const info = parseCertificate(leafPem);
    expect(info.subject).toBe("CN=ndes.contoso.com, O=Contoso, C=US");
    expect(info.issuer).toBe("CN=Contoso Root CA, DC=corp, DC=contoso, DC=com");
    expect(info.serialNumber).toBe("F1");
    expect(info.isCa).toBe(false);
    expect(info.isSelfSigned).toBe(false);
    expect(info.signatureAlgorithm).toBe("sha1WithRSAEncryption");
    expect(info.signatureAlgorithmFriendly).toBe("sha1RSA");
    expect(info.keyUsage).toEqual(["digitalSignature", "keyEncipherment"]);
    expect(info.extendedKeyUsage).toEqual([
      { oid: "1.3.6.1.5.5.7.3.2", name: "Client Authentication" },
      { oid: "1.3.6.1.4.1.311.20.2.1", name: "Certificate Request Agent" },
    ]);
    expect(info.subjectAlternativeNames).toEqual([
      { type: "dns", value: "ndes.contoso.com" },
      { type: "email", value: "alice@contoso.com" },
      { type: "upn", value: "alice@corp.contoso.com" },
      { type: "uri", value: "https://contoso.com/x" },
      { type: "ip", value: "10.0.0.5" },
    ]);
    expect(info.crlDistributionPoints).toEqual(["http://pki.contoso.com/CertEnroll/Contoso%20Root%20CA.crl"]);
    expect(info.authorityInfoAccess).toEqual([
      "http://pki.contoso.com/CertEnroll/root.crt",
      "http://ocsp.contoso.com/ocsp",
    ]);
    expect(info.authorityKeyIdentifier).toBe(parseCertificate(rootPem).subjectKeyIdentifier);
    const days = (Date.parse(info.notAfter) - Date.parse(info.notBefore)) / 86_400_000;
    expect(days).toBe(30);
    expect(isExpired(info, new Date())).toBe(false);
    expect(isExpired(info, new Date(Date.parse(info.notAfter) + 1000))).toBe(true);
  });

  it("refuses garbage with a message for people", () => {
    expect(() => parseCertificate(new Uint8Array([1, 2, 3, 4]))).toThrow(PkiInputError);
    expect(() => parseCertificate("hello world")).toThrow("The file is not an X.509 certificate (.cer).");
    expect(() => parseCertificate(tmp.read("leaf.key"))).toThrow(/private key/);
    expect(() => parseCertificate(tmp.read("leaf.csr"))).toThrow(PkiInputError);
  });
});

describe("detectCertificateFile", () => {
  it("recognises certificates, keys and PKCS#12 files made by openssl", () => {
    opensslOk(["pkey", "-in", tmp.path("leaf.key"), "-outform", "DER", "-out", tmp.path("leaf.key.der")]);
    opensslOk(["rsa", "-in", tmp.path("leaf.key"), "-traditional", "-outform", "DER", "-out", tmp.path("leaf.pkcs1.der")]);
    opensslOk(["rsa", "-in", tmp.path("leaf.key"), "-traditional", "-out", tmp.path("leaf.pkcs1.pem")]);
    opensslOk([
      "pkcs8", "-topk8", "-in", tmp.path("leaf.key"), "-outform", "DER", "-passout", "pass:x", "-out", tmp.path("leaf.enc.der"),
    ]);
    opensslOk([
      "pkcs12", "-export", "-in", tmp.path("leaf.pem"), "-inkey", tmp.path("leaf.key"), "-passout", "pass:pw",
      "-out", tmp.path("leaf.pfx"),
    ]);
    opensslOk([
      "pkcs12", "-export", "-nokeys", "-in", tmp.path("root.pem"), "-passout", "pass:pw", "-out", tmp.path("certonly.pfx"),
    ]);
    const combined = `${leafPem}${Buffer.from(tmp.read("leaf.key")).toString("utf8")}`;

    expect(detectCertificateFile(rootDer)).toBe("der-certificate");
    expect(detectCertificateFile(tmp.read("root.pem"))).toBe("pem-certificate");
    expect(detectCertificateFile(rootPem)).toBe("pem-certificate");
    expect(detectCertificateFile(tmp.read("leaf.pfx"))).toBe("pfx");
    expect(detectCertificateFile(tmp.read("certonly.pfx"))).toBe("pfx");
    expect(detectCertificateFile(Buffer.from(tmp.read("leaf.pfx")).toString("base64"))).toBe("pfx");
    expect(detectCertificateFile(tmp.read("leaf.key"))).toBe("private-key");
    expect(detectCertificateFile(tmp.read("leaf.pkcs1.pem"))).toBe("private-key");
    expect(detectCertificateFile(tmp.read("leaf.key.der"))).toBe("private-key");
    expect(detectCertificateFile(tmp.read("leaf.pkcs1.der"))).toBe("private-key");
    expect(detectCertificateFile(tmp.read("leaf.enc.der"))).toBe("private-key");
    expect(detectCertificateFile(combined)).toBe("private-key");
    expect(detectCertificateFile(tmp.read("leaf.csr"))).toBe("unknown");
    expect(detectCertificateFile(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x03]))).toBe("unknown");
    expect(detectCertificateFile("not a certificate")).toBe("unknown");
    expect(detectCertificateFile(new Uint8Array())).toBe("unknown");
  });
});
