import { afterAll, beforeAll, describe, expect, it } from "vitest";
import forge from "node-forge";
import { createRootCa, createSubordinateCa, loadCa, type CaMaterial } from "./ca.js";
import { EKU, parseCertificate, PkiInputError, type CertificateInfo } from "./certificate-info.js";
import { issueCertificate, type IssuedCertificate } from "./issue.js";
import { createPfx, matchesHostname, parsePfx } from "./pfx.js";
import { Scratch, openssl, opensslOk } from "./test-openssl.js";

const tmp = new Scratch();
let root: CaMaterial;
let issuing: CaMaterial;
let leaf: IssuedCertificate;
const PASSWORD = "P@ssw0rd!";

beforeAll(async () => {
  root = await createRootCa({ commonName: "Contoso Root CA", dnSuffix: "DC=corp,DC=contoso,DC=com" });
  issuing = await createSubordinateCa(root, { commonName: "Contoso Issuing CA", dnSuffix: "DC=corp,DC=contoso,DC=com" });
  leaf = await issueCertificate(await loadCa(issuing), {
    subject: "CN=ndes01.corp.contoso.com",
    validityDays: 365,
    keyUsage: ["digitalSignature", "keyEncipherment"],
    extendedKeyUsage: [EKU.serverAuthentication],
    subjectAlternativeNames: [{ type: "dns", value: "ndes01.corp.contoso.com" }],
  });
  tmp.write("leaf.pem", leaf.certificatePem);
  tmp.write("leaf.key", leaf.privateKeyPkcs8Pem!);
  tmp.write("chain.pem", issuing.certificatePem + root.certificatePem);
});

afterAll(() => tmp.cleanup());

function opensslPfx(name: string, extra: string[]): Uint8Array {
  opensslOk(["pkcs12", "-export", ...extra, "-passout", `pass:${PASSWORD}`, "-out", tmp.path(name)]);
  return tmp.read(name);
}

function pfxInfo(name: string, legacy = false): string {
  return opensslOk(["pkcs12", ...(legacy ? ["-legacy"] : []), "-info", "-noout", "-in", tmp.path(name), "-passin", `pass:${PASSWORD}`]);
}

function expectLeafWithChain(parsed: ReturnType<typeof parsePfx>) {
  expect(parsed.certificate.thumbprint).toBe(leaf.info.thumbprint);
  expect(parsed.chain.map((c: CertificateInfo) => c.subjectCommonName)).toEqual(["Contoso Issuing CA", "Contoso Root CA"]);
  expect(parsed.hasPrivateKey).toBe(true);
  expect(parsed.privateKeyMatchesCertificate).toBe(true);
}

describe("parsePfx", () => {
  it("reads an OpenSSL 3 default PFX (PBES2 AES-256-CBC, HMAC-SHA256 MAC)", () => {
    const pfx = opensslPfx("default.pfx", ["-in", tmp.path("leaf.pem"), "-inkey", tmp.path("leaf.key"), "-certfile", tmp.path("chain.pem")]);
    const info = pfxInfo("default.pfx");
    expect(info).toMatch(/MAC: sha256/);
    expect(info).toMatch(/PBES2, PBKDF2, AES-256-CBC/);
    expectLeafWithChain(parsePfx(pfx, PASSWORD));
  });

  it("reads a legacy PFX (openssl -legacy: RC2-40 / 3DES, SHA-1 MAC)", () => {
    const pfx = opensslPfx("legacy.pfx", [
      "-legacy", "-in", tmp.path("leaf.pem"), "-inkey", tmp.path("leaf.key"), "-certfile", tmp.path("chain.pem"),
      "-name", "NDES IIS",
    ]);
    const info = pfxInfo("legacy.pfx", true);
    expect(info).toMatch(/MAC: sha1/);
    expect(info).toMatch(/pbeWithSHA1And40BitRC2-CBC/);
    expect(info).toMatch(/pbeWithSHA1And3-KeyTripleDES-CBC/);
    const parsed = parsePfx(pfx, PASSWORD);
    expectLeafWithChain(parsed);
    expect(parsed.friendlyName).toBe("NDES IIS");
  });

  it("reads a certificate-only PFX (openssl -nokeys) as having no private key", () => {
    const pfx = opensslPfx("nokeys.pfx", ["-nokeys", "-in", tmp.path("chain.pem")]);
    const parsed = parsePfx(pfx, PASSWORD);
    expect(parsed.hasPrivateKey).toBe(false);
    expect(parsed.privateKeyMatchesCertificate).toBe(false);
    expect(parsed.privateKeyPkcs8Pem).toBeUndefined();
    // no end-entity in the file: the first certificate stands in
    expect(parsed.certificate.subjectCommonName).toBe("Contoso Issuing CA");
    expect(parsed.chain.map((c) => c.subjectCommonName)).toEqual(["Contoso Root CA"]);
  });

  it("says the password is wrong, for modern and legacy files", () => {
    for (const name of ["default.pfx", "legacy.pfx"]) {
      const pfx = tmp.read(name);
      expect(() => parsePfx(pfx, "wrong")).toThrow(PkiInputError);
      expect(() => parsePfx(pfx, "wrong")).toThrow("The password is incorrect for this PFX file.");
    }
  });

  it("refuses files that are not PFX with a clear message", () => {
    expect(() => parsePfx(new TextEncoder().encode(leaf.certificatePem), PASSWORD)).toThrow(/certificate without its private key/);
    expect(() => parsePfx(new Uint8Array([1, 2, 3]), PASSWORD)).toThrow("The file is not a PFX (.pfx/.p12) file.");
    expect(() => parsePfx(new TextEncoder().encode(leaf.privateKeyPkcs8Pem!), PASSWORD)).toThrow(PkiInputError);
  });

  it("notices a key that does not belong to the certificate", async () => {
    const other = await issueCertificate(issuing, { subject: "CN=other", validityDays: 30 });
    const key = forge.pki.privateKeyFromPem(other.privateKeyPkcs8Pem!) as forge.pki.rsa.PrivateKey;
    const asn = forge.pkcs12.toPkcs12Asn1(key, [forge.pki.certificateFromPem(leaf.certificatePem)], PASSWORD, { algorithm: "3des" });
    const bytes = new Uint8Array(Buffer.from(forge.asn1.toDer(asn).getBytes(), "binary"));
    const parsed = parsePfx(bytes, PASSWORD);
    expect(parsed.hasPrivateKey).toBe(true);
    expect(parsed.privateKeyMatchesCertificate).toBe(false);
    expect(parsed.certificate.thumbprint).toBe(leaf.info.thumbprint);
  });
});

describe("createPfx", () => {
  for (const algorithm of ["aes256", "3des"] as const) {
    it(`writes a ${algorithm} PFX that OpenSSL 3 opens without -legacy`, () => {
      const pfx = createPfx({
        certificatePem: leaf.certificatePem,
        privateKeyPkcs8Pem: leaf.privateKeyPkcs8Pem!,
        chainPems: [issuing.certificatePem, root.certificatePem],
        password: PASSWORD,
        algorithm,
        friendlyName: "NDES SSL",
      });
      const name = `made-${algorithm}.pfx`;
      tmp.write(name, pfx);
      const info = pfxInfo(name);
      expect(info).toMatch(algorithm === "aes256" ? /PBES2, PBKDF2, AES-256-CBC, Iteration 2048, PRF hmacWithSHA256/ : /pbeWithSHA1And3-KeyTripleDES-CBC/);
      // OpenSSL extracts the same certificate and key
      const out = opensslOk(["pkcs12", "-in", tmp.path(name), "-passin", `pass:${PASSWORD}`, "-nodes", "-clcerts"]);
      const certPem = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(out)![0];
      expect(parseCertificate(certPem).thumbprint).toBe(leaf.info.thumbprint);
      expect(out).toContain("friendlyName: NDES SSL");
      expect(openssl(["pkcs12", "-in", tmp.path(name), "-passin", "pass:nope", "-noout"]).status).not.toBe(0);
      // and we read our own file back
      const parsed = parsePfx(pfx, PASSWORD);
      expectLeafWithChain(parsed);
      expect(parsed.friendlyName).toBe("NDES SSL");
      expect(parsed.privateKeyPkcs8Pem!.replace(/\s+/g, "")).toBe(leaf.privateKeyPkcs8Pem!.replace(/\s+/g, ""));
    });
  }

  it("refuses a private key that does not belong to the certificate", async () => {
    const other = await issueCertificate(issuing, { subject: "CN=other2", validityDays: 30 });
    expect(() =>
      createPfx({ certificatePem: leaf.certificatePem, privateKeyPkcs8Pem: other.privateKeyPkcs8Pem!, password: PASSWORD }),
    ).toThrow("The private key does not belong to the certificate.");
  });
});

describe("matchesHostname", () => {
  const sans = (dns: string[], cn: string | null = null) => ({
    subjectCommonName: cn,
    subjectAlternativeNames: dns.map((value) => ({ type: "dns" as const, value })),
  });

  it("uses single-label wildcards", () => {
    const wild = sans(["*.contoso.com"]);
    expect(matchesHostname(wild, "ndes.contoso.com")).toBe(true);
    expect(matchesHostname(wild, "NDES.Contoso.com.")).toBe(true);
    expect(matchesHostname(wild, "a.b.contoso.com")).toBe(false);
    expect(matchesHostname(wild, "contoso.com")).toBe(false);
    expect(matchesHostname(wild, "ndes.contoso.com.evil.net")).toBe(false);
    expect(matchesHostname(sans(["*.com"]), "contoso.com")).toBe(false);
  });

  it("uses the CN only when there are no DNS SANs", () => {
    expect(matchesHostname(sans([], "ndes01.corp.contoso.com"), "ndes01.corp.contoso.com")).toBe(true);
    expect(matchesHostname(sans(["ndes.contoso.com"], "ndes01.corp.contoso.com"), "ndes01.corp.contoso.com")).toBe(false);
    expect(matchesHostname(leaf.info, "ndes01.corp.contoso.com")).toBe(true);
    expect(matchesHostname(leaf.info, "ndes02.corp.contoso.com")).toBe(false);
    expect(matchesHostname(sans([], null), "x")).toBe(false);
  });

  it("matches IP hosts against IP SANs only", () => {
    const info = { subjectCommonName: "10.0.0.5", subjectAlternativeNames: [{ type: "ip" as const, value: "10.0.0.6" }] };
    expect(matchesHostname(info, "10.0.0.6")).toBe(true);
    expect(matchesHostname(info, "10.0.0.5")).toBe(false);
  });
});
