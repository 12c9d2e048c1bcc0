// Issue 10 item 4: Certlab over HTTPS with a certificate from the per-installation local root (http/tls.ts, what
// npm start serves on HTTPS_PORT). A client that trusts the root (curl --cacert, Node's ca/NODE_EXTRA_CA_CERTS, Go's
// SSL_CERT_FILE) connects; one that doesn't is refused; and a real SCEP client enrolls over https.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { get } from "node:https";
import request from "supertest";
import { mint, opensslVerify, scepclient, scepProfile, startScepLab, TENANT, type ScepLab } from "./scep-helpers.ts";

let lab: ScepLab;
beforeAll(async () => {
  lab = await startScepLab({ https: true });
}, 120_000);
afterAll(async () => lab?.close());

function httpsStatus(url: string, ca?: Buffer): Promise<number | string> {
  return new Promise((resolve) => {
    get(url, ca ? { ca } : {}, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    }).on("error", (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
  });
}

describe("HTTPS with the local root", () => {
  it("serves the API to clients that trust the root, and only to them", async () => {
    const ca = readFileSync(lab.caFile!);
    expect(await httpsStatus(`${lab.origin}/api/healthz`, ca)).toBe(200);
    expect(await httpsStatus(`${lab.origin}/api/healthz`)).toMatch(/CERT|SELF_SIGNED|UNABLE/);
    // curl --cacert, as README tells (asynchronously: the server answers from this same process).
    const curl = await new Promise<{ code: number | null; out: string }>((resolve) => {
      const c = spawn("curl", ["-sS", "--max-time", "60", "--cacert", lab.caFile!, `${lab.origin}/api/healthz`]);
      let out = "";
      c.stdout.on("data", (b: Buffer) => (out += b.toString()));
      c.stderr.on("data", (b: Buffer) => (out += b.toString()));
      c.on("close", (code) => resolve({ code, out }));
    });
    expect(curl.code, curl.out).toBe(0);
    expect(JSON.parse(curl.out)).toMatchObject({ status: "ok" });
    const sdk = await request(lab.origin).get("/api/healthz").ca(ca);
    expect(sdk.body).toMatchObject({ status: "ok" });
  });

  it("micromdm scepclient enrolls over https with the root in SSL_CERT_FILE", async () => {
    const profile = await scepProfile(lab, "SCEP https", "CN={{DeviceName}},OU=MDM,O=scep-client,C=US");
    const ch = await mint(lab, profile, "go-https");
    expect(ch.localUrl).toBe(`${lab.origin}/scep/${TENANT}/ndes01.corp.contoso.com/certsrv/mscep/mscep.dll`);
    const r = await scepclient(lab, ch.localUrl, ch.challenge, "go-https", "go-https");
    expect(r.status, r.output).toBe(0);
    expect(opensslVerify(lab, r.certFile).output).toContain(": OK");
  }, 120_000);
});
