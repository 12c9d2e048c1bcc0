// npm run bench, (h) SCEP: PKIOperation enrollments per second against the RSA-2048 sign limit measured in the same
// run, and p99 latency at 10 concurrent clients (issue 10 "Done means": ≥ 0.6 of the limit, p99 < 50 ms).
//
// Two processes. This file forks itself with --serve: that child is the server under test (the API on a bench
// database, the demo directories, the correct lab of seed 002 in Contoso, one iOS SCEP profile); it also counts the
// private-key operations its code path really performs (node:crypto sign / privateDecrypt and WebCrypto sign,
// wrapped before any request is served), so "private-key operations per enrollment" is measured, not assumed. The
// parent is the SCEP client side: it mints one Intune challenge per enrollment (POST /api/lab/scep/challenges, what
// a QA script uses), fetches GetCACert, builds every PKCSReq with packages/pki's client helpers (a real CSR with the
// challenge, self-signed signer, envelope to the RA encryption certificate) before the clock starts, then sends them
// from 10 concurrent clients and afterwards checks each CertRep (RA signature, SUCCESS, the issued certificate).
// The limit: crypto.sign RSA-2048/SHA-256 ops/s on one thread, measured here ÷ the measured private-key operations
// per enrollment (weighted by their key size's cost, also measured here, when one is not RSA-2048).
import { fork, type ChildProcess } from "node:child_process";
import cluster from "node:cluster";
import * as nodeCrypto from "node:crypto";
import { generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { rmSync, mkdirSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { syncBuiltinESMExports } from "node:module";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import * as pkijs from "pkijs";

const here = fileURLToPath(import.meta.url);
const CLIENTS = Number(process.env.BENCH_SCEP_CLIENTS ?? 10);
const PASSWORD = "Bench-Passw0rd!";
const NDES_INTERNAL = "https://ndes01.corp.contoso.com/certsrv/mscep/mscep.dll";

type Target = { base: string; token: string; tenantId: string; profileId: string; scepUrl: string };
type OpCounts = Record<string, number>;

// ---------------------------------------------------------------- server side (child process)

/** Wraps the private-key entry points of node:crypto and WebCrypto; counts per "<kind> <algorithm>-<bits>". */
function countPrivateKeyOps(): { counts: OpCounts; reset(): void } {
  const counts: OpCounts = {};
  const bump = (label: string) => (counts[label] = (counts[label] ?? 0) + 1);
  const describe = (key: unknown): string => {
    try {
      const k = (key instanceof nodeCrypto.KeyObject ? key : nodeCrypto.createPrivateKey(key as nodeCrypto.PrivateKeyInput | string)) as KeyObject;
      const d = k.asymmetricKeyDetails;
      return `${k.asymmetricKeyType}${d?.modulusLength ? `-${d.modulusLength}` : d?.namedCurve ? `-${d.namedCurve}` : ""}`;
    } catch {
      const k = (key as { key?: unknown })?.key;
      return k !== undefined && k !== key ? describe(k) : "unknown";
    }
  };
  const c = nodeCrypto as unknown as Record<string, (...a: unknown[]) => unknown>;
  const origSign = c.sign!;
  const origDecrypt = c.privateDecrypt!;
  const mutable = (nodeCrypto as unknown as { default: Record<string, unknown> }).default;
  mutable.sign = (alg: unknown, data: unknown, key: unknown, cb?: unknown) => {
    bump(`sign ${describe(key)}`);
    return cb ? origSign(alg, data, key, cb) : origSign(alg, data, key);
  };
  mutable.privateDecrypt = (key: unknown, buf: unknown) => {
    bump(`decrypt ${describe(key)}`);
    return origDecrypt(key, buf);
  };
  syncBuiltinESMExports();
  const subtle = nodeCrypto.webcrypto.subtle as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
  const proto = Object.getPrototypeOf(subtle) as Record<string, (...a: unknown[]) => Promise<unknown>>;
  const origSubtleSign = proto.sign!;
  proto.sign = function (this: unknown, alg: unknown, key: unknown, data: unknown) {
    const a = (key as { algorithm?: { name?: string; modulusLength?: number; namedCurve?: string } }).algorithm;
    bump(`sign ${a?.name === "RSASSA-PKCS1-v1_5" || a?.name === "RSA-PSS" ? "rsa" : (a?.name ?? "?").toLowerCase()}${a?.modulusLength ? `-${a.modulusLength}` : a?.namedCurve ? `-${a.namedCurve}` : ""}`);
    return origSubtleSign.call(this, alg, key, data);
  };
  return { counts, reset: () => Object.keys(counts).forEach((k) => delete counts[k]) };
}

/** The number after --workers in this process's arguments; 1 without. */
const workersArg = (): number => Number(process.argv[process.argv.indexOf("--workers") + 1] ?? 1) || 1;

/**
 * A cluster worker of the server under test (--serve --workers N): the same app on the bench database, listening
 * on the port the primary chose (node:cluster shares it, as `npm start -- --workers N` does, apps/api/src/server.ts).
 */
async function serveWorker(): Promise<void> {
  const ops = countPrivateKeyOps();
  const { createApp } = await import("../../apps/api/src/app.ts");
  const { createDb } = await import("../../apps/api/src/db/client.ts");
  const databaseUrl = process.env.BENCH_SCEP_DATABASE_URL!;
  const db = await createDb(databaseUrl);
  const server = createServer({ maxHeaderSize: 96 * 1024 }, createApp({ db, databaseUrl, webRoot: process.env.BENCH_SCEP_WEBROOT! }));
  await new Promise<void>((resolve) => server.listen(Number(process.env.BENCH_SCEP_PORT), "127.0.0.1", resolve));
  process.on("message", (m: { ops?: "reset" | "read" }) => {
    if (m.ops === "reset") ops.reset();
    if (m.ops) process.send?.({ ops: { ...ops.counts } });
  });
  process.send?.({ listening: true });
}

async function serve(): Promise<void> {
  const workers = workersArg();
  const ops = countPrivateKeyOps();
  // The app is imported after the wrapping, so every module binds to the counted functions.
  const { createApp } = await import("../../apps/api/src/app.ts");
  const { createDb } = await import("../../apps/api/src/db/client.ts");
  const { migrate } = await import("../../apps/api/src/db/migrate.ts");
  const { repoRoot } = await import("../../apps/api/src/paths.ts");
  const { DEMO, seedDemo } = await import("../../apps/api/src/seed/demo.ts");
  const dir = path.join(repoRoot, ".tmp/bench-scep");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const databaseUrl = process.env.BENCH_DATABASE_URL ?? `file:${path.join(dir, "bench.db")}`;
  migrate(databaseUrl);
  const db = await createDb(databaseUrl);
  await seedDemo(db, PASSWORD);
  // Set up through the app in this process; with --workers N the requests are then served by N cluster workers
  // on the same database and port, and this process only hands out connections (as npm start's primary does).
  let server: Server = createServer({ maxHeaderSize: 96 * 1024 }, createApp({ db, databaseUrl, webRoot: path.join(dir, "no-web") }));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  let base = `http://127.0.0.1:${port}`;
  const tenantId = DEMO.contoso.tenantId;

  const signIn = await fetch(`${base}/api/session`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: DEMO.contoso.users.admin.upn, password: PASSWORD }) });
  const cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0]!;
  const { csrfToken } = (await signIn.json()) as { csrfToken: string };
  const tokenRes = await fetch(`${base}/api/tokens`, { method: "POST", headers: { "content-type": "application/json", cookie, "x-csrf-token": csrfToken }, body: JSON.stringify({ displayName: "bench scep", expiresInDays: 1 }) });
  const { token } = (await tokenRes.json()) as { token: string };
  const auth = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  const reset = await fetch(`${base}/api/lab/reset`, { method: "POST", headers: auth, body: JSON.stringify({ scenario: "correct" }) });
  if (!reset.ok) throw new Error(`lab reset: ${reset.status} ${await reset.text()}`);
  const profile = await fetch(`${base}/graph/beta/deviceManagement/deviceConfigurations`, {
    method: "POST",
    headers: auth,
    body: JSON.stringify({
      "@odata.type": "#microsoft.graph.iosScepCertificateProfile",
      displayName: "Bench SCEP",
      renewalThresholdPercentage: 20,
      certificateValidityPeriodScale: "years",
      certificateValidityPeriodValue: 1,
      subjectNameFormat: "custom",
      subjectNameFormatString: "CN={{DeviceName}},O=Contoso",
      customSubjectAlternativeNames: [],
      keyUsage: "digitalSignature,keyEncipherment",
      keySize: "size2048",
      extendedKeyUsages: [{ name: "Client Authentication", objectIdentifier: "1.3.6.1.5.5.7.3.2" }],
      scepServerUrls: [NDES_INTERNAL],
    }),
  });
  const created = (await profile.json()) as { id?: string };
  if (!profile.ok || !created.id) throw new Error(`SCEP profile: ${profile.status} ${JSON.stringify(created)}`);
  const ask = (w: import("node:cluster").Worker, what: "reset" | "read") =>
    new Promise<OpCounts>((resolve) => {
      const on = (m: { ops?: OpCounts }) => {
        if (!m.ops) return;
        w.off("message", on);
        resolve(m.ops);
      };
      w.on("message", on);
      w.send({ ops: what });
    });
  let pool: import("node:cluster").Worker[] = [];
  if (workers > 1) {
    // The workers take over the port: this process's own listener closes first.
    await new Promise<void>((resolve) => server.close(() => resolve()));
    server = createServer();
    cluster.setupPrimary({ exec: here, args: ["--serve-worker"], execArgv: ["--import", "tsx", ...process.execArgv.filter((a) => a.startsWith("--cpu-prof"))], silent: false });
    pool = Array.from({ length: workers }, () => cluster.fork({ BENCH_SCEP_DATABASE_URL: databaseUrl, BENCH_SCEP_PORT: String(port), BENCH_SCEP_WEBROOT: path.join(dir, "no-web") }));
    await Promise.all(pool.map((w) => new Promise<void>((resolve, reject) => {
      w.on("message", (m: { listening?: boolean }) => m.listening && resolve());
      w.once("exit", (code) => reject(new Error(`scep bench worker exited with ${code}`)));
    })));
    base = `http://127.0.0.1:${port}`;
  }
  const target: Target = { base, token, tenantId, profileId: created.id, scepUrl: `${base}/scep/${tenantId}/ndes01.corp.contoso.com/certsrv/mscep/mscep.dll` };

  process.on("message", async (m: { ops?: "reset" | "read" }) => {
    if (!m.ops) return;
    if (m.ops === "reset") ops.reset();
    // Summed over this process and its workers: every private-key operation the enrollments caused.
    const all = [{ ...ops.counts }, ...(await Promise.all(pool.map((w) => ask(w, m.ops!))))];
    const sum: OpCounts = {};
    for (const c of all) for (const [k, n] of Object.entries(c)) sum[k] = (sum[k] ?? 0) + n;
    process.send?.({ ops: sum });
  });
  const stop = () => {
    for (const w of pool) w.process.kill("SIGTERM");
    server.close();
    void db.$disconnect().finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.on("disconnect", stop);
  process.on("SIGTERM", stop);
  process.send?.({ ready: target });
}

// ---------------------------------------------------------------- client side (the bench process)

export interface ScepBench {
  /** API processes serving the requests (1, or N cluster workers as `npm start -- --workers N` runs them). */
  workers: number;
  signOpsPerSecond: number;
  /** Private-key operations per enrollment, measured in the server ("sign rsa-2048" → n). */
  opsPerEnrollment: Record<string, number>;
  /** The same in RSA-2048 sign equivalents (other sizes weighted by their measured cost). */
  rsa2048Equivalents: number;
  limit: number;
  enrollmentsPerSecond: number;
  ratio: number;
  p50: number;
  p99: number;
  enrollments: number;
  failures: number;
  firstFailure?: string;
}

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
}

/** crypto.sign ops/s for an RSA key of `bits` (SHA-256, PKCS#1 v1.5) on this thread, for about `ms`. */
export function rsaSignRate(bits: number, ms = 1500): number {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: bits });
  const data = Buffer.alloc(256, 7);
  for (let i = 0; i < 20; i++) sign("sha256", data, privateKey);
  let n = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    for (let i = 0; i < 10; i++) sign("sha256", data, privateKey);
    n += 10;
    now = performance.now();
  }
  return (n * 1000) / (now - start);
}

class ScepServer {
  private constructor(
    readonly target: Target,
    private readonly child: ChildProcess,
  ) {}

  static async start(workers: number): Promise<ScepServer> {
    // BENCH_PROFILE=<dir>: V8 CPU profiles of the whole server process (one per thread, in <dir>/scep-server/), written when it exits.
    const dir = process.env.BENCH_PROFILE;
    const profile = dir ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(dir, "scep-server")}`] : [];
    const child = fork(here, ["--serve", "--workers", String(workers)], { execArgv: ["--import", "tsx", ...profile], stdio: ["ignore", "inherit", "inherit", "ipc"] });
    const target = await new Promise<Target>((resolve, reject) => {
      child.once("message", (m: { ready?: Target }) => (m.ready ? resolve(m.ready) : reject(new Error("scep bench server: unexpected message"))));
      child.once("exit", (code) => reject(new Error(`scep bench server exited with ${code}`)));
    });
    return new ScepServer(target, child);
  }

  ops(what: "reset" | "read"): Promise<OpCounts> {
    return new Promise((resolve) => {
      this.child.once("message", (m: { ops: OpCounts }) => resolve(m.ops));
      this.child.send({ ops: what });
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((r) => this.child.once("exit", r));
    this.child.disconnect();
    await exited;
  }
}

/** GetCACert: the RA signing and encryption certificates, told apart by key usage, as a SCEP client does. */
async function getCaCert(scepUrl: string, x509: typeof import("@peculiar/x509")): Promise<{ signing: string; encryption: string }> {
  const res = await fetch(`${scepUrl}?operation=GetCACert&message=bench`);
  if (!res.ok) throw new Error(`GetCACert: ${res.status}`);
  const der = new Uint8Array(await res.arrayBuffer());
  const sd = new pkijs.SignedData({ schema: pkijs.ContentInfo.fromBER(der.slice().buffer).content });
  const certs = (sd.certificates ?? []).map((c) => new x509.X509Certificate(new Uint8Array((c as pkijs.Certificate).toSchema().toBER(false))));
  const usage = (c: InstanceType<typeof x509.X509Certificate>) => c.getExtension(x509.KeyUsagesExtension)?.usages ?? 0;
  const ra = certs.filter((c) => c.subject !== c.issuer && !c.getExtension(x509.BasicConstraintsExtension)?.ca);
  const signing = ra.find((c) => usage(c) & x509.KeyUsageFlags.digitalSignature);
  const encryption = ra.find((c) => usage(c) & x509.KeyUsageFlags.keyEncipherment);
  if (!signing || !encryption) throw new Error("GetCACert: no RA signing/encryption pair");
  return { signing: signing.toString("pem"), encryption: encryption.toString("pem") };
}

async function pool<T>(items: T[], concurrency: number, fn: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i]!, i);
      }
    }),
  );
}

export async function benchScep(seconds: number, workers = 1, signRate?: number): Promise<ScepBench> {
  const { x509 } = await import("../../packages/pki/src/x509-setup.ts");
  const { exportPkcs8Pem, generateRsaKeyPair } = await import("../../packages/pki/src/ca.ts");
  const { nameFromRfc4514, toPem } = await import("../../packages/pki/src/certificate-info.ts");
  const { buildPkcsReq, parseCertRep, PKI_STATUS } = await import("../../packages/pki/src/scep/message.ts");

  // The limit first, while nothing else runs: one thread's RSA-2048 crypto.sign rate.
  const signOpsPerSecond = signRate ?? rsaSignRate(2048);
  const server = await ScepServer.start(workers);
  try {
    const t = server.target;
    const auth = { authorization: `Bearer ${t.token}`, "content-type": "application/json" };
    const ra = await getCaCert(t.scepUrl, x509);

    // One key per client (the challenge binds subject, SANs, key usage, EKU and key size, not the key).
    const clients = await Promise.all(
      Array.from({ length: CLIENTS }, async (_, c) => {
        const keys = await generateRsaKeyPair(2048);
        const name = `CN=bench-signer-${c}`;
        const self = await x509.X509CertificateGenerator.createSelfSigned({ name, keys, notBefore: new Date(Date.now() - 60_000), notAfter: new Date(Date.now() + 86_400_000), signingAlgorithm: { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" } });
        return { keys, keyPem: await exportPkcs8Pem(keys.privateKey), selfPem: toPem(new Uint8Array(self.rawData)) };
      }),
    );

    const build = async (i: number) => {
      const deviceName = `bench-${i}`;
      const minted = await fetch(`${t.base}/api/lab/scep/challenges`, { method: "POST", headers: auth, body: JSON.stringify({ profileId: t.profileId, deviceName }) });
      const ch = (await minted.json()) as { challenge?: string; subject?: string };
      if (!minted.ok || !ch.challenge || !ch.subject) throw new Error(`challenge: ${minted.status} ${JSON.stringify(ch)}`);
      const client = clients[i % CLIENTS]!;
      const csr = await x509.Pkcs10CertificateRequestGenerator.create({
        name: nameFromRfc4514(ch.subject),
        keys: client.keys,
        signingAlgorithm: { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" },
        extensions: [new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true)],
        attributes: [new x509.ChallengePasswordAttribute(ch.challenge)],
      });
      const body = buildPkcsReq({ csrDer: new Uint8Array(csr.rawData), signerCertificatePem: client.selfPem, signerKeyPem: client.keyPem, recipientCertificatePem: ra.encryption, transactionId: `bench-${i}-${Date.now()}`, cipher: "aes-256-cbc", digest: "sha256" });
      return { client, body };
    };

    const post = async (body: Uint8Array) => {
      const res = await fetch(`${t.scepUrl}?operation=PKIOperation`, { method: "POST", headers: { "content-type": "application/x-pki-message" }, body });
      return { status: res.status, der: new Uint8Array(await res.arrayBuffer()), event: res.headers.get("x-certlab-ndes-event") ?? "" };
    };

    // Warm up (JIT, caches, the SQLite page cache) on requests of their own.
    const warm: Awaited<ReturnType<typeof build>>[] = [];
    for (let i = 0; i < 20; i++) warm.push(await build(1_000_000 + i));
    await pool(warm, CLIENTS, async (w) => void (await post(w.body)));

    // As many requests as the limit allows in `seconds` (the clock stops when they run out), built beforehand.
    const provisional = signOpsPerSecond / 3;
    const count = Math.max(100, Math.min(3000, Math.ceil(provisional * seconds)));
    const requests: Awaited<ReturnType<typeof build>>[] = new Array(count);
    await pool(Array.from({ length: count }, (_, i) => i), 4, async (i) => void (requests[i] = await build(i)));

    await server.ops("reset");
    const latencies: number[] = [];
    const answers: { status: number; der: Uint8Array; event: string }[] = new Array(count);
    const deadline = performance.now() + seconds * 1000;
    let sent = 0;
    const start = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (sent < count && performance.now() < deadline) {
          const i = sent++;
          const t0 = performance.now();
          answers[i] = await post(requests[i]!.body);
          latencies.push(performance.now() - t0);
        }
      }),
    );
    const elapsed = (performance.now() - start) / 1000;
    const counts = await server.ops("read");

    // Every answer must be a signed SUCCESS CertRep carrying the certificate, or the figure is worth nothing.
    let ok = 0;
    let firstFailure: string | undefined;
    for (let i = 0; i < sent; i++) {
      const a = answers[i]!;
      let why: string | undefined;
      if (a.status !== 200) why = `HTTP ${a.status}`;
      else {
        const rep = parseCertRep(a.der, ra.signing, requests[i]!.client.keyPem);
        if (!rep.signatureValid) why = "CertRep signature";
        else if (rep.pkiStatus !== PKI_STATUS.SUCCESS) why = `pkiStatus ${rep.pkiStatus} failInfo ${rep.failInfo} (${a.event})`;
        else if (!rep.certificates.length) why = "no certificate";
      }
      if (why) firstFailure ??= why;
      else ok++;
    }

    const enrollments = sent;
    const opsPerEnrollment = Object.fromEntries(Object.entries(counts).map(([k, n]) => [k, n / Math.max(1, enrollments)]));
    // Weigh each operation by its measured cost relative to an RSA-2048 sign (decrypt ≈ sign: same private exponent).
    const costs = new Map<string, number>();
    let rsa2048Equivalents = 0;
    for (const [label, per] of Object.entries(opsPerEnrollment)) {
      const bits = Number(label.match(/rsa-(\d+)/)?.[1] ?? 0);
      let weight = 1;
      if (bits && bits !== 2048) {
        if (!costs.has(label)) costs.set(label, signOpsPerSecond / rsaSignRate(bits, 800));
        weight = costs.get(label)!;
      } else if (!bits) weight = 0; // EC operations are far cheaper than RSA; they do not count against the RSA limit
      rsa2048Equivalents += per * weight;
    }
    const limit = signOpsPerSecond / Math.max(1e-9, rsa2048Equivalents);
    const sorted = [...latencies].sort((a, b) => a - b);
    const enrollmentsPerSecond = ok / elapsed;
    return {
      workers,
      signOpsPerSecond,
      opsPerEnrollment,
      rsa2048Equivalents,
      limit,
      enrollmentsPerSecond,
      ratio: enrollmentsPerSecond / limit,
      p50: percentile(sorted, 0.5),
      p99: percentile(sorted, 0.99),
      enrollments,
      failures: enrollments - ok,
      ...(firstFailure ? { firstFailure } : {}),
    };
  } finally {
    await server.stop();
  }
}

export interface PipelineFloor {
  /** ms per enrollment on one thread for each stage of the CMS/X.509 work, and their sum. */
  stages: Record<string, number>;
  total: number;
}

/**
 * The CMS and X.509 work of one enrollment alone, in this process, on one thread, with the functions the server
 * runs (packages/pki: parse and decrypt the pkiMessage, read the CSR, issue, build the CertRep), without HTTP, the
 * database or the policy checks: what the ASN.1 libraries cost, so the bench says how much of the limit any server
 * built on them can reach per core.
 */
export async function pipelineFloor(n = 60): Promise<PipelineFloor> {
  const { x509 } = await import("../../packages/pki/src/x509-setup.ts");
  const { createRootCa, exportPkcs8Pem, generateRsaKeyPair, loadCa } = await import("../../packages/pki/src/ca.ts");
  const { issueCertificate } = await import("../../packages/pki/src/issue.ts");
  const { nameFromRfc4514, toPem } = await import("../../packages/pki/src/certificate-info.ts");
  const { buildPkcsReq, parsePkiMessage, buildCertRep } = await import("../../packages/pki/src/scep/message.ts");
  const { readScepCsr } = await import("../../packages/pki/src/scep/csr.ts");
  const ca = await loadCa(await createRootCa({ commonName: "Bench Root CA", validityYears: 5 }));
  const raOf = (subject: string, keyUsage: string[]) => issueCertificate(ca, { subject, validityDays: 365, keyUsage: keyUsage as never });
  const [sign, enc] = await Promise.all([raOf("CN=RA signing", ["digitalSignature"]), raOf("CN=RA encryption", ["keyEncipherment"])]);
  const ra = { signingCertificatePem: sign.certificatePem, signingKeyPem: sign.privateKeyPkcs8Pem!, encryptionCertificatePem: enc.certificatePem, encryptionKeyPem: enc.privateKeyPkcs8Pem! };
  const keys = await generateRsaKeyPair(2048);
  const self = await x509.X509CertificateGenerator.createSelfSigned({ name: "CN=bench-signer", keys, notBefore: new Date(Date.now() - 60_000), notAfter: new Date(Date.now() + 86_400_000), signingAlgorithm: { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" } });
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({
    name: nameFromRfc4514("CN=bench-device,O=Contoso"),
    keys,
    signingAlgorithm: { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" },
    extensions: [new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true)],
    // About the size of an Intune-style challenge (scep/challenge.ts).
    attributes: [new x509.ChallengePasswordAttribute("c".repeat(600))],
  });
  const message = buildPkcsReq({ csrDer: new Uint8Array(csr.rawData), signerCertificatePem: toPem(new Uint8Array(self.rawData)), signerKeyPem: await exportPkcs8Pem(keys.privateKey), recipientCertificatePem: ra.encryptionCertificatePem, transactionId: "floor", cipher: "aes-256-cbc", digest: "sha256" });
  const stages: Record<string, number> = { "parse+decrypt": 0, CSR: 0, issue: 0, CertRep: 0 };
  for (let i = 0; i < n + 10; i++) {
    const t0 = performance.now();
    const parsed = parsePkiMessage(message, ra);
    const t1 = performance.now();
    const req = await readScepCsr(parsed.messageData);
    const t2 = performance.now();
    const issued = await issueCertificate(ca, { subject: req.subject, publicKey: new Uint8Array(req.spkiDer), validityDays: 365, keyUsage: ["digitalSignature", "keyEncipherment"], extendedKeyUsage: ["1.3.6.1.5.5.7.3.2"] });
    const t3 = performance.now();
    buildCertRep(parsed, { status: "SUCCESS", certificatePem: issued.certificatePem }, ra);
    const t4 = performance.now();
    if (i < 10) continue; // warm-up
    stages["parse+decrypt"]! += t1 - t0;
    stages.CSR! += t2 - t1;
    stages.issue! += t3 - t2;
    stages.CertRep! += t4 - t3;
  }
  for (const k of Object.keys(stages)) stages[k]! /= n;
  return { stages, total: Object.values(stages).reduce((a, b) => a + b, 0) };
}

/** The lines index.ts prints. */
export function printScep(r: ScepBench, floor?: PipelineFloor): void {
  const fmt = (n: number, d = 1) => n.toFixed(d);
  const ops = Object.entries(r.opsPerEnrollment)
    .map(([k, n]) => `${fmt(n, 2)} × ${k}`)
    .join(", ");
  console.log(`(h) SCEP PKIOperation (POST, correct lab of seed 002, an Intune challenge per request), ${CLIENTS} concurrent clients in this process, the server in its own${r.workers > 1 ? ` as ${r.workers} API processes (npm start -- --workers ${r.workers}, node:cluster on one port)` : " (one API process)"}`);
  console.log(`    RSA-2048 crypto.sign on one thread: ${fmt(r.signOpsPerSecond, 0)} ops/s; private-key operations per enrollment, counted in the server: ${ops || "none"} (= ${fmt(r.rsa2048Equivalents, 2)} RSA-2048 signs)`);
  console.log(`    limit ${fmt(r.limit)} enrollments/s; measured ${fmt(r.enrollmentsPerSecond)} enrollments/s over ${r.enrollments} requests (${r.failures} not SUCCESS${r.firstFailure ? `: ${r.firstFailure}` : ""})`);
  console.log(`    ratio ${fmt(r.ratio, 3)} (target ≥ 0.6: ${r.ratio >= 0.6 && r.failures === 0 ? "PASS" : "MISS"}); p50 ${fmt(r.p50)} ms, p99 ${fmt(r.p99)} ms (target < 50 ms: ${r.p99 < 50 ? "PASS" : "MISS"})${floor ? "" : "\n"}`);
  if (floor) {
    const perCore = 1000 / floor.total;
    const stages = Object.entries(floor.stages).map(([k, v]) => `${k} ${fmt(v, 2)}`).join(", ");
    console.log(`    the CMS/X.509 work alone (packages/pki on pkijs, asn1js, @peculiar/x509; no HTTP, database or policy), one thread: ${fmt(floor.total, 2)} ms per enrollment (${stages} ms)`);
    console.log(`    = at most ${fmt(perCore)} enrollments/s per core, ratio ≤ ${fmt(perCore / r.limit, 3)} per core against the limit\n`);
  }
}

if (process.argv.includes("--serve-worker")) {
  await serveWorker();
} else if (process.argv.includes("--serve")) {
  await serve();
} else if (process.argv[1] && path.resolve(process.argv[1]) === here) {
  // `node --import tsx scripts/bench/scep.ts`: this section alone.
  printScep(await benchScep(Number(process.env.BENCH_SECONDS ?? 5)));
}
