// Shared by the intune-*.test.ts files: a real root CA (packages/pki), Graph bodies of the twelve profile types the
// way a script written for real Graph sends them, and small request helpers.
import request from "supertest";
import { expect } from "vitest";
import type { Express } from "express";
import { createRootCa, type CaMaterial } from "@certlab/pki/ca";
import { createPfx } from "@certlab/pki/pfx";
import { issueCertificate } from "@certlab/pki/issue";
import { PLATFORMS, SCEP_TYPES, TRUSTED_ROOT_TYPES, type TPlatform } from "@certlab/domain/intune/profile-types";
import { GRAPH } from "./helpers.ts";

export { PLATFORMS, SCEP_TYPES, TRUSTED_ROOT_TYPES, type TPlatform };

export const CONFIGS = `${GRAPH}/deviceManagement/deviceConfigurations`;
export const NDES_URL = "https://ndes-contoso.msappproxy.net/certsrv/mscep/mscep.dll";
export const CLIENT_AUTH = { name: "Client Authentication", objectIdentifier: "1.3.6.1.5.5.7.3.2" };

export type Pki = { root: CaMaterial; rootB64: string; pfxB64: string; leafB64: string };

/** The lab's root CA, as `certutil -ca.cert C:\root.cer` exports it (DER → base64), plus a PFX and a leaf. */
export async function makePki(): Promise<Pki> {
  const root = await createRootCa({ commonName: "Contoso Root CA", dnSuffix: "DC=corp,DC=contoso,DC=com" });
  const pfx = createPfx({ certificatePem: root.certificatePem, privateKeyPkcs8Pem: root.privateKeyPkcs8Pem, password: "Passw0rd!" });
  const leaf = await issueCertificate(root, { subject: "CN=leaf.contoso.com", extendedKeyUsage: ["1.3.6.1.5.5.7.3.1"] });
  return {
    root,
    rootB64: root.certificateDerBase64,
    pfxB64: Buffer.from(pfx).toString("base64"),
    leafB64: leaf.certificateDerBase64,
  };
}

export const bindOf = (id: string) => `https://graph.microsoft.com/beta/deviceManagement/deviceConfigurations('${id}')`;

export function trustedBody(platform: TPlatform, cert: string, extra: Record<string, unknown> = {}) {
  return {
    "@odata.type": `#${TRUSTED_ROOT_TYPES[platform]}`,
    displayName: `Contoso Root CA - ${platform}`,
    description: "Root of the on-prem AD CS hierarchy used by NDES",
    certFileName: "ContosoRootCA.cer",
    trustedRootCertificate: cert,
    ...(platform === "windows" ? { destinationStore: "computerCertStoreRoot" } : {}),
    ...extra,
  };
}

export function scepBody(platform: TPlatform, rootId: string | undefined, extra: Record<string, unknown> = {}) {
  return {
    "@odata.type": `#${SCEP_TYPES[platform]}`,
    displayName: `SCEP - ${platform}`,
    renewalThresholdPercentage: 20,
    certificateStore: platform === "windows" ? "machine" : "user",
    certificateValidityPeriodScale: "years",
    certificateValidityPeriodValue: 1,
    subjectNameFormat: "custom",
    subjectNameFormatString: "CN={{UserPrincipalName}}",
    customSubjectAlternativeNames: [{ sanType: "userPrincipalName", name: "{{UserPrincipalName}}" }],
    keyUsage: "digitalSignature,keyEncipherment",
    keySize: "size2048",
    extendedKeyUsages: [CLIENT_AUTH],
    scepServerUrls: [NDES_URL],
    ...(platform === "iOS" ? {} : { hashAlgorithm: "sha2" }),
    ...(rootId ? { "rootCertificate@odata.bind": bindOf(rootId) } : {}),
    ...extra,
  };
}

export type Client = {
  get(path: string): request.Test;
  post(path: string, body?: unknown): request.Test;
  patch(path: string, body: unknown): request.Test;
  put(path: string, body: unknown): request.Test;
  delete(path: string): request.Test;
};

export function client(app: Express, token: string): Client {
  const auth = { Authorization: `Bearer ${token}` };
  return {
    get: (p) => request(app).get(p).set(auth),
    post: (p, b) => request(app).post(p).set(auth).send(b as object),
    patch: (p, b) => request(app).patch(p).set(auth).send(b as object),
    put: (p, b) => request(app).put(p).set(auth).send(b as object),
    delete: (p) => request(app).delete(p).set(auth),
  };
}

export async function created(res: request.Response): Promise<Record<string, unknown> & { id: string }> {
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as Record<string, unknown> & { id: string };
}
