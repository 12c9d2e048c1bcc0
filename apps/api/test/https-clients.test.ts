// Issue 10 part 4 ("Done means"): real Microsoft client libraries, unchanged, against Certlab over HTTPS.
//  - the Microsoft Graph JS SDK (@microsoft/microsoft-graph-client) lists deviceConfigurations over
//    https://localhost:<port>/graph with a token from the token endpoint /{tenant}/oauth2/v2.0/token;
//  - MSAL Node (@azure/msal-node) PublicClientApplication with the tenant's https authority and knownAuthorities,
//    acquireTokenByUsernamePassword, gets a token Graph accepts (/graph/v1.0/me).
// The server is the real HTTPS listener npm start runs (http/http-server.ts with a certificate from the local root
// of http/tls.ts, here in a scratch folder). The clients run in a child node process started with
// NODE_EXTRA_CA_CERTS=<the root PEM>, the way README tells a user to trust the root: Node reads that variable only
// at process start, and neither library is patched or given a custom agent.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import type { IncomingMessage, Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import request from "supertest";
import { createHttpsServer } from "../src/http/http-server.ts";
import { ensureTls } from "../src/http/tls.ts";
import { bearerFor, createTestApp, DEMO, PASSWORD, users, type TestApp } from "./harness.ts";
import { GRAPH } from "./helpers.ts";

const apiDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const CONTOSO = DEMO.contoso.tenantId;
/** Microsoft Graph PowerShell's public client id (any client id works with the password grant here, as a public client). */
const CLIENT_ID = "14d82eec-204b-4c2f-b7e8-296a70dab67e";

let t: TestApp;
let server: Server;
let dir: string;
let caFile: string;
let origin: string;
let port: number;
const asked: string[] = [];

beforeAll(async () => {
  t = await createTestApp();
  dir = mkdtempSync(path.join(tmpdir(), "certlab-https-clients-"));
  const tls = await ensureTls(["localhost", "127.0.0.1"], path.join(dir, "tls"));
  caFile = tls.caFile;
  server = createHttpsServer(t.app, tls);
  // What the clients asked for (method and path), to check MSAL's discovery against what Entra serves.
  server.prependListener("request", (req: IncomingMessage) => asked.push(`${req.method} ${(req.url ?? "").split("?")[0]}`));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  origin = `https://localhost:${port}`;
  // One profile in the tenant, so the SDK's list has something to show.
  const auth = { Authorization: `Bearer ${await bearerFor(t.app, users.admin.upn)}` };
  const created = await request(t.app)
    .post(`${GRAPH}/deviceManagement/deviceConfigurations`)
    .set(auth)
    .send({
      "@odata.type": "#microsoft.graph.iosTrustedRootCertificate",
      displayName: "Contoso Root (https clients)",
      // A real certificate: the local root itself (base64 DER, as Graph carries it).
      trustedRootCertificate: readFileSync(caFile, "utf8").replace(/-----[A-Z ]+-----|\s/g, ""),
      certFileName: "root.cer",
    });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
}, 120_000);

afterAll(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await t?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

type ChildResult = { code: number | null; stdout: string; stderr: string; json?: Record<string, unknown> };

/**
 * Runs an ES module in a new node process (cwd apps/api, so the packages resolve as in a user's script) and parses
 * the last stdout line as JSON. Asynchronous: the server answers from this same process.
 */
function node(script: string, env: NodeJS.ProcessEnv): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
    for (const [k, v] of Object.entries(env)) if (v === undefined) delete childEnv[k];
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], { cwd: apiDir, env: childEnv, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.stdout.on("data", (b: Buffer) => (stdout += b.toString()));
    child.stderr.on("data", (b: Buffer) => (stderr += b.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      const last = stdout.trim().split("\n").at(-1) ?? "";
      let json: Record<string, unknown> | undefined;
      try {
        json = JSON.parse(last) as Record<string, unknown>;
      } catch {
        json = undefined;
      }
      resolve({ code, stdout, stderr, ...(json ? { json } : {}) });
    });
  });
}

const trusted = () => ({ NODE_EXTRA_CA_CERTS: caFile, NODE_TLS_REJECT_UNAUTHORIZED: undefined });
const untrusted = () => ({ NODE_EXTRA_CA_CERTS: undefined, NODE_TLS_REJECT_UNAUTHORIZED: undefined });

// The client scripts, as a user would write them. Values arrive through the environment.
const GRAPH_SDK_SCRIPT = `
import { Client } from "@microsoft/microsoft-graph-client";
const { ORIGIN, TENANT, CLIENT_ID, USERNAME, PASSWORD } = process.env;
const form = new URLSearchParams({ grant_type: "password", client_id: CLIENT_ID, username: USERNAME, password: PASSWORD, scope: "https://graph.microsoft.com/.default" });
const tokenRes = await fetch(ORIGIN + "/" + TENANT + "/oauth2/v2.0/token", { method: "POST", body: form });
const token = await tokenRes.json();
if (!tokenRes.ok) throw new Error("token endpoint: " + tokenRes.status + " " + JSON.stringify(token));
// customHosts: the SDK attaches the bearer only to Microsoft's Graph hosts and to these (hostnames, no port).
const client = Client.init({
  baseUrl: ORIGIN + "/graph/",
  defaultVersion: "beta",
  customHosts: new Set([new URL(ORIGIN).hostname]),
  authProvider: (done) => done(null, token.access_token),
});
const list = await client.api("/deviceManagement/deviceConfigurations").select("id,displayName").top(50).get();
const me = await client.api("/me").version("v1.0").get();
console.log(JSON.stringify({ names: list.value.map((p) => p.displayName), context: list["@odata.context"], me: me.userPrincipalName }));
`;

const MSAL_SCRIPT = `
import { PublicClientApplication, LogLevel } from "@azure/msal-node";
const { ORIGIN, AUTHORITY_TENANT, CLIENT_ID, USERNAME, PASSWORD } = process.env;
const asked = [];
const pca = new PublicClientApplication({
  auth: { clientId: CLIENT_ID, authority: ORIGIN + "/" + AUTHORITY_TENANT, knownAuthorities: [new URL(ORIGIN).host] },
  system: { loggerOptions: { logLevel: LogLevel.Verbose, piiLoggingEnabled: false, loggerCallback: (_l, m) => { if (/endpoint|discovery|metadata/i.test(m)) asked.push(m); } } },
});
try {
  const result = await pca.acquireTokenByUsernamePassword({ scopes: ["https://graph.microsoft.com/.default"], username: USERNAME, password: PASSWORD });
  const me = await fetch(ORIGIN + "/graph/v1.0/me", { headers: { Authorization: "Bearer " + result.accessToken } });
  const accounts = await pca.getAllAccounts();
  // The account MSAL built from id_token + client_info finds the cached token again, without the network.
  const silent = accounts[0] ? await pca.acquireTokenSilent({ account: accounts[0], scopes: ["https://graph.microsoft.com/.default"] }) : null;
  console.log(JSON.stringify({
    ok: true,
    tokenType: result.tokenType,
    tenantId: result.tenantId,
    uniqueId: result.uniqueId,
    username: result.account?.username,
    homeAccountId: result.account?.homeAccountId,
    authority: result.authority,
    idTokenClaims: result.idTokenClaims,
    accounts: accounts.length,
    silentFromCache: silent?.fromCache === true && silent.accessToken === result.accessToken,
    meStatus: me.status,
    me: await me.json(),
  }));
} catch (e) {
  console.log(JSON.stringify({ ok: false, errorCode: e.errorCode, message: String(e.message ?? e), asked: asked.slice(-8) }));
}
`;

const env = (extra: Record<string, string | undefined>) => ({ ORIGIN: origin, TENANT: CONTOSO, CLIENT_ID, USERNAME: users.admin.upn, PASSWORD, ...extra });

describe("Microsoft Graph JS SDK over https", () => {
  it("lists deviceConfigurations with a token from /{tenant}/oauth2/v2.0/token, trusting the root by NODE_EXTRA_CA_CERTS", async () => {
    const r = await node(GRAPH_SDK_SCRIPT, { ...env({}), ...trusted() });
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(r.json?.names).toContain("Contoso Root (https clients)");
    expect(String(r.json?.context)).toMatch(new RegExp(`^${origin}/graph/beta/\\$metadata#deviceManagement/deviceConfigurations`));
    expect(r.json?.me).toBe(users.admin.upn);
  }, 90_000);

  it("without the root the TLS handshake is refused, so no token and no list", async () => {
    const r = await node(GRAPH_SDK_SCRIPT, { ...env({}), ...untrusted() });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED|unable to verify|self.signed/i);
  }, 90_000);
});

describe("MSAL Node over https", () => {
  for (const [label, tenant] of [["tenant id", CONTOSO], ["verified domain", DEMO.contoso.domain]] as const) {
    it(`acquireTokenByUsernamePassword with the https authority by ${label} gets a token Graph accepts`, async () => {
      asked.length = 0;
      const r = await node(MSAL_SCRIPT, { ...env({ AUTHORITY_TENANT: tenant }), ...trusted() });
      expect(r.code, r.stderr).toBe(0);
      expect(r.json, r.stdout + r.stderr).toMatchObject({ ok: true, tokenType: "Bearer", tenantId: CONTOSO, uniqueId: users.admin.id, username: users.admin.upn, accounts: 1, silentFromCache: true, meStatus: 200 });
      // With knownAuthorities MSAL skips instance discovery: the authority's OIDC metadata, then the token
      // endpoint it names (MSAL puts the authority's own tenant segment back into it), then our Graph call.
      expect(asked).toEqual([`GET /${tenant}/v2.0/.well-known/openid-configuration`, `POST /${tenant}/oauth2/v2.0/token`, "GET /graph/v1.0/me"]);
      expect(r.json?.homeAccountId).toBe(`${users.admin.id}.${CONTOSO}`);
      expect(r.json?.me).toMatchObject({ id: users.admin.id, userPrincipalName: users.admin.upn });
      expect(r.json?.idTokenClaims).toMatchObject({ aud: CLIENT_ID, iss: `${origin}/${CONTOSO}/v2.0`, tid: CONTOSO, oid: users.admin.id, preferred_username: users.admin.upn, ver: "2.0" });
    }, 90_000);
  }

  it("a wrong password comes back as MSAL's invalid_grant with the AADSTS code", async () => {
    const r = await node(MSAL_SCRIPT, { ...env({ AUTHORITY_TENANT: CONTOSO, PASSWORD: "wrong-password" }), ...trusted() });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json).toMatchObject({ ok: false, errorCode: "invalid_grant" });
    expect(String(r.json?.message)).toMatch(/AADSTS50126/);
  }, 90_000);

  it("without the root MSAL cannot reach the authority's metadata", async () => {
    const r = await node(MSAL_SCRIPT, { ...env({ AUTHORITY_TENANT: CONTOSO }), ...untrusted() });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json?.ok).toBe(false);
    expect(String(r.json?.message)).toMatch(/certificate|openid|endpoints_resolution|network/i);
  }, 90_000);

  it("refuses the http authority (why the HTTPS listener exists)", async () => {
    const r = await node(MSAL_SCRIPT, { ...env({ AUTHORITY_TENANT: CONTOSO, ORIGIN: `http://localhost:${port}` }), ...trusted() });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json).toMatchObject({ ok: false, errorCode: "authority_uri_insecure" });
  }, 90_000);
});
