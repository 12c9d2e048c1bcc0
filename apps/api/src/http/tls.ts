// HTTPS for npm start (issue 10): real clients expect TLS (the Graph JS SDK sends its bearer token only to https
// hosts; MSAL Node refuses an http authority; the app proxy external URL is https). A per-installation "Certlab
// Local Root CA" is created once in the data folder (.data/tls/, next to the SQLite file) and issues the server
// certificate for localhost, 127.0.0.1 and ::1 (re-issued when it is missing, expires within 30 days, or names
// other hosts). Trust the root with NODE_EXTRA_CA_CERTS=.data/tls/certlab-root-ca.pem or curl --cacert (README).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createRootCa, type CaMaterial } from "@certlab/pki/ca";
import { issueCertificate } from "@certlab/pki/issue";
import { parseCertificate } from "@certlab/pki/certificate-info";
import { repoRoot } from "../paths.ts";

export const TLS_DIR = path.join(repoRoot, ".data/tls");
export const ROOT_CA_FILE = path.join(TLS_DIR, "certlab-root-ca.pem");
const ROOT_MATERIAL_FILE = path.join(TLS_DIR, "certlab-root-ca.json");
const SERVER_CERT_FILE = path.join(TLS_DIR, "server.pem");
const SERVER_KEY_FILE = path.join(TLS_DIR, "server.key");

export const DEFAULT_TLS_NAMES = ["localhost", "127.0.0.1", "::1"];

export type TlsFiles = { key: string; cert: string; caFile: string };

const isIp = (n: string) => /^[0-9.]+$/.test(n) || n.includes(":");

/** Create (once) the local root and (when needed) the server certificate; returns the PEMs to serve. */
export async function ensureTls(names: string[] = DEFAULT_TLS_NAMES, dir = TLS_DIR): Promise<TlsFiles> {
  const rootFile = path.join(dir, path.basename(ROOT_CA_FILE));
  const materialFile = path.join(dir, path.basename(ROOT_MATERIAL_FILE));
  const certFile = path.join(dir, path.basename(SERVER_CERT_FILE));
  const keyFile = path.join(dir, path.basename(SERVER_KEY_FILE));
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  let root: CaMaterial;
  if (existsSync(materialFile)) root = JSON.parse(readFileSync(materialFile, "utf8")) as CaMaterial;
  else {
    root = await createRootCa({ commonName: "Certlab Local Root CA", dnSuffix: "O=Certlab", validityYears: 10 });
    writeFileSync(materialFile, JSON.stringify(root), { mode: 0o600 });
    writeFileSync(rootFile, root.certificatePem);
  }
  if (!existsSync(rootFile)) writeFileSync(rootFile, root.certificatePem);
  const current = existsSync(certFile) && existsSync(keyFile) ? parseCertificate(readFileSync(certFile, "utf8")) : undefined;
  const fresh =
    current &&
    current.issuer === root.info.subject &&
    Date.parse(current.notAfter) - Date.now() > 30 * 86_400_000 &&
    names.every((n) => current.subjectAlternativeNames.some((s) => s.value.toLowerCase() === n.toLowerCase()));
  if (!fresh) {
    const issued = await issueCertificate(root, {
      subject: "CN=localhost, O=Certlab",
      validityDays: 397,
      keyUsage: ["digitalSignature", "keyEncipherment"],
      extendedKeyUsage: ["1.3.6.1.5.5.7.3.1"],
      subjectAlternativeNames: names.map((n) => ({ type: isIp(n) ? "ip" : "dns", value: n })),
    });
    writeFileSync(keyFile, issued.privateKeyPkcs8Pem!, { mode: 0o600 });
    writeFileSync(certFile, issued.certificatePem);
  }
  return { key: readFileSync(keyFile, "utf8"), cert: readFileSync(certFile, "utf8"), caFile: rootFile };
}
