// The Entra-style token endpoint: POST /{tenant}/oauth2/v2.0/token (password grant), OIDC discovery and JWKS,
// and the access token used as a Bearer on Graph, the way an MSAL / azure-identity script does it.
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { createLocalJWKSet, decodeJwt, jwtVerify, SignJWT, generateKeyPair, importJWK, type JSONWebKeySet } from "jose";
import { createTestApp, DEMO, PASSWORD, users, type TestApp } from "./harness.ts";
import { expectGraphError, GRAPH } from "./helpers.ts";

const CLIENT_ID = "14d82eec-204b-4c2f-b7e8-296a70dab67e"; // Microsoft Graph PowerShell's public client id
const SCOPE = "https://graph.microsoft.com/.default";
const CONTOSO = DEMO.contoso.tenantId;

let t: TestApp;
let server: Server;
let origin: string;
// One listening server, so every request (token, discovery, Graph) sees the same origin and issuer.
const http = () => request(server);

beforeAll(async () => {
  t = await createTestApp();
  server = t.app.listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await t.close();
});

function tokenRequest(tenant: string, fields: Record<string, string>) {
  return http().post(`/${tenant}/oauth2/v2.0/token`).type("form").send(fields);
}

const passwordGrant = (tenant: string, username: string, password = PASSWORD) =>
  tokenRequest(tenant, { grant_type: "password", client_id: CLIENT_ID, username, password, scope: SCOPE });

function expectAadError(res: request.Response, error: string, code: number): void {
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  expect(res.body.error).toBe(error);
  expect(res.body.error_codes).toEqual([code]);
  expect(res.body.error_description).toMatch(new RegExp(`^AADSTS${code}: `));
  expect(res.body.access_token).toBeUndefined();
}

describe("POST /{tenant}/oauth2/v2.0/token, password grant", () => {
  for (const [label, tenant] of [["tenant id", CONTOSO], ["verified domain", DEMO.contoso.domain]] as const) {
    it(`by ${label}: a JWT with tid/oid/upn, verifiable against the published keys, usable on Graph`, async () => {
      const res = await passwordGrant(tenant, users.admin.upn);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.headers["cache-control"]).toBe("no-store");
      expect(res.body).toMatchObject({ token_type: "Bearer", scope: SCOPE, expires_in: 3600 });
      const jwt = res.body.access_token as string;

      const claims = decodeJwt(jwt);
      expect(claims).toMatchObject({ tid: CONTOSO, oid: users.admin.id, upn: users.admin.upn, appid: CLIENT_ID, idtyp: "user" });

      const config = await http().get(`/${tenant}/v2.0/.well-known/openid-configuration`);
      expect(config.status).toBe(200);
      expect(config.body.issuer).toBe(`${origin}/${CONTOSO}/v2.0`);
      expect(config.body.token_endpoint).toBe(`${origin}/${CONTOSO}/oauth2/v2.0/token`);
      const jwksPath = new URL(config.body.jwks_uri as string).pathname;
      const jwks = await http().get(jwksPath);
      expect(jwks.status).toBe(200);
      expect(jwks.body.keys.length).toBeGreaterThan(0);
      for (const k of jwks.body.keys) {
        expect(k.kty).toBe("RSA");
        expect(k.d, "private part must never be published").toBeUndefined();
        expect(k.p).toBeUndefined();
      }

      const { payload, protectedHeader } = await jwtVerify(jwt, createLocalJWKSet(jwks.body as JSONWebKeySet), {
        issuer: config.body.issuer,
        audience: "https://graph.microsoft.com",
        algorithms: ["RS256"],
      });
      expect(protectedHeader.alg).toBe("RS256");
      expect(payload.exp! - payload.iat!).toBe(3600);

      const me = await http().get(`${GRAPH}/me`).set("Authorization", `Bearer ${jwt}`);
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ id: users.admin.id, userPrincipalName: users.admin.upn });
    });
  }

  it("a wrong password is 400 invalid_grant AADSTS50126, and so is an unknown user", async () => {
    expectAadError(await passwordGrant(CONTOSO, users.admin.upn, "Wrong-Passw0rd!"), "invalid_grant", 50126);
    expectAadError(await passwordGrant(CONTOSO, "ghost@contoso.onmicrosoft.com"), "invalid_grant", 50126);
  });

  it("an unknown tenant is 400 AADSTS90002, by id and by domain", async () => {
    expectAadError(await passwordGrant("00000000-1111-2222-3333-444444444444", users.admin.upn), "invalid_request", 90002);
    expectAadError(await passwordGrant("nowhere.onmicrosoft.com", users.admin.upn), "invalid_request", 90002);
    const disco = await http().get("/nowhere.onmicrosoft.com/v2.0/.well-known/openid-configuration");
    expect(disco.status).toBe(400);
    expect(disco.body.error_codes).toEqual([90002]);
  });

  it("client_credentials is unauthorized_client while no application exists", async () => {
    const res = await tokenRequest(CONTOSO, { grant_type: "client_credentials", client_id: CLIENT_ID, client_secret: "s3cret", scope: SCOPE });
    expectAadError(res, "unauthorized_client", 700016);
    expect(res.body.error_description).toContain(CLIENT_ID);
  });

  it("missing parameters and unsupported grants are named", async () => {
    const noGrant = await tokenRequest(CONTOSO, { client_id: CLIENT_ID });
    expectAadError(noGrant, "invalid_request", 900144);
    expect(noGrant.body.error_description).toContain("'grant_type'");
    const noClient = await tokenRequest(CONTOSO, { grant_type: "password", username: users.admin.upn, password: PASSWORD });
    expect(noClient.body.error_description).toContain("'client_id'");
    const noPassword = await tokenRequest(CONTOSO, { grant_type: "password", client_id: CLIENT_ID, username: users.admin.upn });
    expect(noPassword.body.error_description).toContain("'password'");
    expectAadError(await tokenRequest(CONTOSO, { grant_type: "authorization_code", client_id: CLIENT_ID, code: "x" }), "unsupported_grant_type", 70003);
    // A JSON body instead of a form: still a 400 naming grant_type, never a 500.
    const json = await http().post(`/${CONTOSO}/oauth2/v2.0/token`).send({ grant_type: "password" });
    expect(json.status).toBe(400);
  });

  it("a user who is not a member of the tenant is refused (AADSTS50020)", async () => {
    expectAadError(await passwordGrant(DEMO.fabrikam.tenantId, users.reader.upn), "invalid_grant", 50020);
  });

  it("a token for Contoso acts only in Contoso; a token for Fabrikam only in Fabrikam", async () => {
    const contoso = (await passwordGrant(CONTOSO, users.admin.upn)).body.access_token as string;
    const c = { Authorization: `Bearer ${contoso}` };
    expect((await http().get(`${GRAPH}/organization`).set(c)).body.value[0].id).toBe(CONTOSO);
    expectGraphError(await http().get(`${GRAPH}/users/${DEMO.fabrikam.adminUserId}`).set(c), 404);
    expectGraphError(await http().get(`${GRAPH}/organization/${DEMO.fabrikam.tenantId}`).set(c), 404);

    const fab = await passwordGrant(DEMO.fabrikam.domain, users.admin.upn);
    expect(fab.status).toBe(200);
    const claims = decodeJwt(fab.body.access_token as string);
    expect(claims).toMatchObject({ tid: DEMO.fabrikam.tenantId, oid: DEMO.fabrikam.adminUserId });
    const f = { Authorization: `Bearer ${fab.body.access_token}` };
    expect((await http().get(`${GRAPH}/organization`).set(f)).body.value[0].id).toBe(DEMO.fabrikam.tenantId);
    expect((await http().get(`${GRAPH}/me`).set(f)).body.userType).toBe("Guest");
    expectGraphError(await http().get(`${GRAPH}/users/${users.reader.id}`).set(f), 404);
  });

  it("a token acts with the user's roles: a Global Reader's JWT can't write", async () => {
    const jwt = (await passwordGrant(CONTOSO, users.reader.upn)).body.access_token as string;
    const res = await http().post(`${GRAPH}/groups`).set("Authorization", `Bearer ${jwt}`).send({ displayName: "x", mailEnabled: false, mailNickname: "x", securityEnabled: true });
    expectGraphError(res, 403, { code: "Authorization_RequestDenied" });
  });

  it("a tampered, foreign-signed or expired JWT is 401", async () => {
    const jwt = (await passwordGrant(CONTOSO, users.reader.upn)).body.access_token as string;
    const [h, p, s] = jwt.split(".");
    // Claim to be the Global Administrator, keeping the reader's signature.
    const forgedPayload = Buffer.from(JSON.stringify({ ...decodeJwt(jwt), oid: users.admin.id })).toString("base64url");
    expectGraphError(await http().get(`${GRAPH}/me`).set("Authorization", `Bearer ${h}.${forgedPayload}.${s}`), 401);

    // A well-formed token signed by someone else's key, with the server's kid.
    const { privateKey } = await generateKeyPair("RS256");
    const kid = JSON.parse(Buffer.from(h!, "base64url").toString()).kid as string;
    const foreign = await new SignJWT({ ...decodeJwt(jwt) }).setProtectedHeader({ alg: "RS256", kid }).sign(privateKey);
    expectGraphError(await http().get(`${GRAPH}/me`).set("Authorization", `Bearer ${foreign}`), 401);

    // Signed with the server's own key but expired an hour ago.
    const row = await t.db.signingKey.findUniqueOrThrow({ where: { kid } });
    const serverKey = await importJWK(JSON.parse(row.privateJwk), "RS256");
    const now = Math.floor(Date.now() / 1000);
    const expired = await new SignJWT({ ...decodeJwt(jwt), iat: now - 7200, nbf: now - 7200, exp: now - 3600 })
      .setProtectedHeader({ alg: "RS256", kid })
      .sign(serverKey);
    expectGraphError(await http().get(`${GRAPH}/me`).set("Authorization", `Bearer ${expired}`), 401);
    // The same key and claims, not expired: accepted (so the 401 above is about expiry).
    const fresh = await new SignJWT({ ...decodeJwt(jwt), iat: now, nbf: now, exp: now + 600 }).setProtectedHeader({ alg: "RS256", kid }).sign(serverKey);
    expect((await http().get(`${GRAPH}/me`).set("Authorization", `Bearer ${fresh}`)).status).toBe(200);

    // The genuine token still works (the checks above didn't break it).
    expect((await http().get(`${GRAPH}/me`).set("Authorization", `Bearer ${h}.${p}.${s}`)).status).toBe(200);
  });
});
