// Shared by the scep-*.test.ts files: the API listening on 127.0.0.1 (real SCEP clients need a socket), the
// correct lab, SCEP profiles and challenges, and the two real Debian clients: micromdm scepclient (package
// "scep") and strongSwan's `pki --scep` (package "strongswan-pki"). A missing client fails the test with a
// one-line message naming the package; it never skips.
import { createServer, type Server } from "node:http";
import { createHttpsServer } from "../src/http/http-server.ts";
import { ensureTls } from "../src/http/tls.ts";
import type { AddressInfo } from "node:net";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import request from "supertest";
import { expect } from "vitest";
import { bearerFor, createTestApp, DEMO, type TestApp } from "./harness.ts";
import { GRAPH } from "./helpers.ts";
import { publishApp } from "./entra-helpers.ts";

export const TENANT = DEMO.contoso.tenantId;
export const NDES_INTERNAL = "https://ndes01.corp.contoso.com/certsrv/mscep/mscep.dll";

export type ScepLab = {
  t: TestApp;
  server: Server;
  origin: string;
  auth: Record<string, string>;
  /** PEM of the issuing CA and the root: what `openssl verify -CAfile` trusts. */
  chainFile: string;
  issuingCaId: string;
  ndesServerId: string;
  dir: string;
  adminUserId: string;
  adminUpn: string;
  /** The local root CA PEM file when the lab is served over HTTPS. */
  caFile?: string;
  close(): Promise<void>;
};

export function requireBinary(file: string, aptPackage: string): void {
  if (!existsSync(file)) throw new Error(`${file} is missing: install it with "apt-get install ${aptPackage}" (CI does this in .ci/run).`);
}

export async function startScepLab(opts: { https?: boolean } = {}): Promise<ScepLab> {
  const t = await createTestApp();
  const dir = mkdtempSync(path.join(tmpdir(), "certlab-scep-"));
  // HTTPS as npm start serves it: a local root and a localhost certificate made by http/tls.ts (here in a scratch folder).
  const tls = opts.https ? await ensureTls(["localhost", "127.0.0.1"], path.join(dir, "tls")) : undefined;
  const server = tls ? createHttpsServer(t.app, tls) : createServer({ maxHeaderSize: 96 * 1024 }, t.app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `${tls ? "https://localhost" : "http://127.0.0.1"}:${(server.address() as AddressInfo).port}`;
  const token = await bearerFor(t.app, DEMO.contoso.users.admin.upn);
  const auth = { Authorization: `Bearer ${token}` };
  const lab: ScepLab = {
    t,
    server,
    origin,
    auth,
    chainFile: path.join(dir, "chain.pem"),
    issuingCaId: "",
    ndesServerId: "",
    dir,
    adminUserId: DEMO.contoso.users.admin.id,
    adminUpn: DEMO.contoso.users.admin.upn,
    ...(tls ? { caFile: tls.caFile } : {}),
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (!process.env.CERTLAB_KEEP_SCEP_DIR) rmSync(dir, { recursive: true, force: true });
      await t.close();
    },
  };
  await resetCorrect(lab);
  return lab;
}

/** POST /api/lab/reset {"scenario":"correct"}: new CA keys, so the chain file and the ids are refreshed. */
export async function resetCorrect(lab: ScepLab): Promise<void> {
  const { t, auth } = lab;
  const reset = await request(t.app).post("/api/lab/reset").set(auth).send({ scenario: "correct" });
  expect(reset.status, JSON.stringify(reset.body)).toBe(200);
  lab.issuingCaId = (reset.body.cas as { id: string; parentCaId?: string }[]).find((c) => c.parentCaId)!.id;
  lab.ndesServerId = (reset.body.servers as { id: string; name: string }[]).find((s) => s.name === "NDES01")!.id;
  let chain = "";
  for (const ca of reset.body.cas as { id: string }[]) {
    const pem = await request(t.app).get(`/api/lab/cas/${ca.id}/certificate?format=base64`).set(auth);
    expect(pem.status).toBe(200);
    const text = pem.text.trim();
    chain += text.startsWith("-----BEGIN") ? `${text}\n` : `-----BEGIN CERTIFICATE-----\n${text}\n-----END CERTIFICATE-----\n`;
  }
  writeFileSync(lab.chainFile, chain);
}


/** A SCEP profile (iOS) whose request a real client can build: its subject format and SANs are given. */
export async function scepProfile(lab: ScepLab, name: string, subjectNameFormatString: string, sans: { sanType: string; name: string }[] = [], extra: Record<string, unknown> = {}): Promise<string> {
  const res = await request(lab.t.app)
    .post(`${GRAPH}/deviceManagement/deviceConfigurations`)
    .set(lab.auth)
    .send({
      "@odata.type": "#microsoft.graph.iosScepCertificateProfile",
      displayName: name,
      renewalThresholdPercentage: 20,
      certificateValidityPeriodScale: "years",
      certificateValidityPeriodValue: 1,
      subjectNameFormat: "custom",
      subjectNameFormatString,
      customSubjectAlternativeNames: sans,
      keyUsage: "digitalSignature,keyEncipherment",
      keySize: "size2048",
      extendedKeyUsages: [{ name: "Client Authentication", objectIdentifier: "1.3.6.1.5.5.7.3.2" }],
      scepServerUrls: [NDES_INTERNAL],
      ...extra,
    });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

export type Minted = { challenge: string; subject: string; localUrl: string; keySize: number; expiresDateTime: string };

export async function mint(lab: ScepLab, profileId: string, deviceName: string, userId?: string): Promise<Minted> {
  const req = request(lab.origin).post("/api/lab/scep/challenges");
  if (lab.caFile) req.ca(readFileSync(lab.caFile));
  const res = await req.set(lab.auth).send({ profileId, deviceName, ...(userId ? { userId } : {}) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as Minted;
}

/** Publishes NDES through Entra application proxy (seed 000): passthrough, External URL on msappproxy.net. */
export async function publishNdes(lab: ScepLab, prefix = "ndes"): Promise<string> {
  const { id } = await publishApp(lab.t, lab.auth, `NDES ${prefix}`, { externalAuthenticationType: "passthru", internalUrl: "https://ndes01.corp.contoso.com/", externalUrl: `https://${prefix}-contoso.msappproxy.net/` });
  return id;
}

export type Run = { status: number; output: string };

/** Synchronous tools that don't talk to the API (openssl). */
function run(cmd: string, args: string[]): Run {
  const r = spawnSync(cmd, args, { encoding: "utf8", timeout: 120_000 });
  if (r.error) throw r.error;
  return { status: r.status ?? -1, output: `${r.stdout ?? ""}${r.stderr ?? ""}` };
}

/** Clients that talk to the API in this same process: asynchronous, or the server could not answer them. */
function runAsync(cmd: string, args: string[], env?: NodeJS.ProcessEnv): Promise<Run & { stdout: Buffer }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"], ...(env ? { env: { ...process.env, ...env } } : {}) });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      const stdout = Buffer.concat(out);
      resolve({ status: code ?? -1, output: `${stdout.toString("utf8")}${Buffer.concat(err).toString("utf8")}`, stdout });
    });
  });
}

export const SCEPCLIENT = "/usr/bin/scepclient";
export const PKI = "/usr/bin/pki";

/** micromdm scepclient: subject "C=US, O=scep-client, OU=MDM, CN=<cn>", no SAN option; PKCS#1 key. */
export async function scepclient(lab: ScepLab, url: string, challenge: string, cn: string, name: string): Promise<Run & { certFile: string }> {
  requireBinary(SCEPCLIENT, "scep");
  // scepclient keeps csr.pem and self.pem next to the key and reuses them: one folder per enrollment.
  const dir = mkdtempSync(path.join(lab.dir, `${name}-`));
  const key = path.join(dir, `${name}.key`);
  const certFile = path.join(dir, `${name}.crt`);
  const gen = run("/usr/bin/openssl", ["genrsa", "-traditional", "-out", key, "2048"]);
  expect(gen.status, gen.output).toBe(0);
  // Go reads extra trust from SSL_CERT_FILE: the local root when the lab is served over HTTPS.
  const r = await runAsync(SCEPCLIENT, ["-server-url", url, "-private-key", key, "-certificate", certFile, "-challenge", challenge, "-cn", cn], lab.caFile ? { SSL_CERT_FILE: lab.caFile } : undefined);
  return { status: r.status, output: r.output, certFile };
}

/** strongSwan: GetCACert with --scepca, then --scep with the RA certificates it wrote. */
export async function strongswan(lab: ScepLab, url: string, challenge: string, dn: string, sans: string[], name: string): Promise<Run & { certFile: string }> {
  requireBinary(PKI, "strongswan-pki");
  const base = mkdtempSync(path.join(lab.dir, `${name}-`));
  const ca = await runAsync(PKI, ["--scepca", "--url", url, "--caout", path.join(base, "ca.crt"), "--raout", path.join(base, "ra.crt"), "--outform", "pem"]);
  if (ca.status !== 0) return { status: ca.status, output: ca.output, certFile: "" };
  // strongSwan names the RA certificates ra.crt, ra-2.crt in its own order: pick them by key usage.
  const ras = ["ra.crt", "ra-2.crt"].map((f) => path.join(base, f)).filter(existsSync);
  const ku = (f: string) => run("/usr/bin/openssl", ["x509", "-in", f, "-noout", "-ext", "keyUsage"]).output;
  const enc = ras.find((f) => /Key Encipherment/.test(ku(f)));
  const sig = ras.find((f) => /Digital Signature/.test(ku(f)));
  if (!enc || !sig) return { status: 1, output: `RA certificates by key usage not found in ${ras.join(", ")}\n${ca.output}`, certFile: "" };
  const key = path.join(base, "sw.key");
  const g = spawnSync(PKI, ["--gen", "--type", "rsa", "--size", "2048", "--outform", "pem"], { encoding: "buffer" });
  writeFileSync(key, g.stdout);
  const certFile = path.join(base, "sw.crt");
  const args = ["--scep", "--url", url, "--in", key, "--dn", dn, ...sans.flatMap((s) => ["--san", s]), "--password", challenge, "--cacert-enc", enc, "--cacert-sig", sig, "--cacert", path.join(base, "ca.crt"), "--outform", "pem"];
  const r = await runAsync(PKI, args);
  if (r.status === 0) writeFileSync(certFile, r.stdout);
  return { status: r.status, output: r.output.replace(/-----BEGIN[\s\S]*-----END CERTIFICATE-----\n?/, ""), certFile };
}

export function opensslVerify(lab: ScepLab, certFile: string): Run {
  return run("/usr/bin/openssl", ["verify", "-CAfile", lab.chainFile, certFile]);
}

export function subjectOf(certFile: string): string {
  return run("/usr/bin/openssl", ["x509", "-in", certFile, "-noout", "-subject", "-nameopt", "RFC2253"]).output.trim();
}

export const readText = (f: string) => readFileSync(f, "utf8");
