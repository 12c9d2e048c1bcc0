// The Entra-style identity endpoints, so an MSAL- or azure-identity-based script can use Certlab as its
// authority: POST /{tenant}/oauth2/v2.0/token (password grant; client credentials once applications exist),
// GET /{tenant}/v2.0/.well-known/openid-configuration, GET /{tenant}/discovery/v2.0/keys.
// {tenant} is the tenant id or any of its verified domains. Errors use the AADSTS shape and codes.
import { randomUUID } from "node:crypto";
import express, { Router, type Request, type Response } from "express";
import type { Db } from "../db/client.ts";
import { originOf } from "../http/context.ts";
import { GRAPH_APP_ID, TOKEN_LIFETIME_SECONDS, issuerFor, publicJwks, signAccessToken } from "../auth/jwt.ts";
import { SMART_LOCKOUT } from "@certlab/domain/directory/smart-lockout";
import { checkCredentials } from "../lab-api/session.ts";
import { clientInfo, requestedScopes, signIdToken } from "./id-token.ts";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function resolveTenant(db: Db, tenant: string) {
  const key = tenant.toLowerCase();
  if (GUID.test(key)) return db.tenant.findUnique({ where: { id: key } });
  const domain = await db.domain.findFirst({ where: { name: key, isVerified: true } });
  return domain ? db.tenant.findUnique({ where: { id: domain.tenantId } }) : null;
}

function aadError(res: Response, status: number, error: string, code: number, description: string): void {
  const traceId = randomUUID();
  res.status(status).json({
    error,
    error_description: `AADSTS${code}: ${description} Trace ID: ${traceId} Correlation ID: ${traceId} Timestamp: ${new Date().toISOString().replace("T", " ").slice(0, 19)}Z`,
    error_codes: [code],
    timestamp: new Date().toISOString().replace("T", " ").slice(0, 19) + "Z",
    trace_id: traceId,
    correlation_id: traceId,
  });
}

const str = (v: unknown) => (typeof v === "string" ? v : undefined);

export function oauthRouter(db: Db): Router {
  const r = Router();
  const form = express.urlencoded({ extended: false, limit: "64kb" });

  r.post("/:tenant/oauth2/v2.0/token", form, async (req: Request, res: Response) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const tenant = await resolveTenant(db, String(req.params.tenant));
    if (!tenant) {
      return aadError(res, 400, "invalid_request", 90002, `Tenant '${req.params.tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`);
    }
    const grantType = str(body.grant_type);
    const clientId = str(body.client_id);
    if (!grantType) return aadError(res, 400, "invalid_request", 900144, "The request body must contain the following parameter: 'grant_type'.");
    if (!clientId) return aadError(res, 400, "invalid_request", 900144, "The request body must contain the following parameter: 'client_id'.");
    if (grantType === "client_credentials") {
      return aadError(res, 400, "unauthorized_client", 700016, `Application with identifier '${clientId}' was not found in the directory '${tenant.displayName}'.`);
    }
    if (grantType !== "password") {
      return aadError(res, 400, "unsupported_grant_type", 70003, `The app requested an unsupported grant type '${grantType}'.`);
    }
    const username = str(body.username);
    const password = str(body.password);
    if (!username) return aadError(res, 400, "invalid_request", 900144, "The request body must contain the following parameter: 'username'.");
    if (!password) return aadError(res, 400, "invalid_request", 900144, "The request body must contain the following parameter: 'password'.");
    const found = await checkCredentials(db, username, password);
    if (!found.ok && found.reason === "locked") {
      // Smart lockout (packages/domain/src/directory/smart-lockout.ts): AADSTS50053, with a 429 and Retry-After.
      res.setHeader("Retry-After", String(found.retryAfterSeconds));
      return aadError(res, 429, "invalid_grant", SMART_LOCKOUT.aadstsCode, SMART_LOCKOUT.message);
    }
    if (!found.ok) return aadError(res, 400, "invalid_grant", 50126, "Error validating credentials due to invalid username or password.");
    const user = await db.user.findFirst({ where: { accountId: found.account.id, tenantId: tenant.id } });
    if (!user) {
      return aadError(res, 400, "invalid_grant", 50020, `User account '${found.account.signInName}' from identity provider does not exist in tenant '${tenant.displayName}' and cannot access the application in that tenant.`);
    }
    if (!user.accountEnabled) return aadError(res, 400, "invalid_grant", 50057, "The user account is disabled.");
    const origin = originOf(req);
    const accessToken = await signAccessToken(db, origin, {
      tid: tenant.id,
      oid: user.id,
      upn: user.userPrincipalName,
      name: user.displayName,
      appid: clientId,
      idtyp: "user",
      scp: "Directory.ReadWrite.All DeviceManagementConfiguration.ReadWrite.All User.ReadWrite.All",
    });
    // MSAL asks for "openid profile offline_access" and client_info=1: Entra then adds an id_token and client_info
    // (oauth/id-token.ts), from which MSAL builds its account.
    const scopes = requestedScopes(str(body.scope));
    const subject = { tenantId: tenant.id, userId: user.id, userPrincipalName: user.userPrincipalName, displayName: user.displayName, mail: user.mail };
    res.setHeader("Cache-Control", "no-store");
    res.json({
      token_type: "Bearer",
      scope: str(body.scope) ?? `${"https://graph.microsoft.com"}/.default`,
      expires_in: TOKEN_LIFETIME_SECONDS,
      ext_expires_in: TOKEN_LIFETIME_SECONDS,
      access_token: accessToken,
      ...(scopes.has("openid") ? { id_token: await signIdToken(db, origin, subject, clientId, scopes) } : {}),
      ...(str(body.client_info) === "1" ? { client_info: clientInfo(subject) } : {}),
    });
  });

  r.get("/:tenant/v2.0/.well-known/openid-configuration", async (req, res) => {
    const tenant = await resolveTenant(db, String(req.params.tenant));
    if (!tenant) return aadError(res, 400, "invalid_tenant", 90002, `Tenant '${req.params.tenant}' not found.`);
    const origin = originOf(req);
    res.json({
      token_endpoint: `${origin}/${tenant.id}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ["client_secret_post", "client_secret_basic"],
      jwks_uri: `${origin}/${tenant.id}/discovery/v2.0/keys`,
      response_modes_supported: ["query", "fragment", "form_post"],
      subject_types_supported: ["pairwise"],
      id_token_signing_alg_values_supported: ["RS256"],
      response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
      scopes_supported: ["openid", "profile", "email", "offline_access"],
      issuer: issuerFor(origin, tenant.id),
      request_uri_parameter_supported: false,
      userinfo_endpoint: `${origin}/graph/v1.0/me`,
      authorization_endpoint: `${origin}/${tenant.id}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${origin}/${tenant.id}/oauth2/v2.0/devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${origin}/${tenant.id}/oauth2/v2.0/logout`,
      claims_supported: ["sub", "iss", "aud", "exp", "iat", "nbf", "name", "oid", "tid", "upn", "ver"],
      tenant_region_scope: "NA",
      cloud_instance_name: "certlab",
      msgraph_host: `${new URL(origin).host}/graph`,
      audience: GRAPH_APP_ID,
    });
  });

  r.get("/:tenant/discovery/v2.0/keys", async (_req, res) => {
    res.json(await publicJwks(db));
  });

  // MSAL's instance discovery; answering it lets MSAL accept this host as an authority.
  r.get("/common/discovery/instance", (req, res) => {
    const host = new URL(originOf(req)).host;
    res.json({
      tenant_discovery_endpoint: `${originOf(req)}/common/v2.0/.well-known/openid-configuration`,
      "api-version": "1.1",
      metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
    });
  });

  return r;
}
