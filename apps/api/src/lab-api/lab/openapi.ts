// The lab REST API in /api/openapi.json, generated from the same zod bodies the routes validate with.
import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { ZGraphError } from "@certlab/domain/schemas/common";
import * as S from "@certlab/domain/lab/schemas";
import * as SCEP from "@certlab/domain/lab/scep-schemas";

type Method = "get" | "post" | "patch" | "put" | "delete";

const ZCaRequestOut = z.object({
  requestId: z.int(),
  disposition: z.enum(["issued", "failed", "pending"]),
  requesterName: z.string(),
  template: z.string(),
  subject: z.string(),
  submittedDateTime: z.string(),
  serialNumber: z.string().optional(),
  thumbprint: z.string().optional(),
  notAfter: z.string().optional(),
  statusCode: z.string().optional(),
  statusMessage: z.string().optional(),
  subjectAlternativeNames: z.array(z.string()).optional(),
  certificatePem: z.string().optional(),
  notes: z.array(z.string()).optional(),
});

export function registerLabPaths(registry: OpenAPIRegistry): void {
  const json = <T extends z.ZodType>(schema: T) => ({ content: { "application/json": { schema } } });
  const err = (description: string) => ({ description, ...json(ZGraphError) });
  const security: Record<string, string[]>[] = [{ bearer: [] }, { session: [] }];
  const Obj = z.record(z.string(), z.unknown());
  const add = (method: Method, path: string, summary: string, opts: { body?: z.ZodType; ok?: number; response?: z.ZodType; query?: z.ZodObject } = {}) => {
    const params = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
    const ok = opts.ok ?? (method === "delete" ? 204 : method === "post" ? 201 : 200);
    const write = method !== "get";
    registry.registerPath({
      method,
      path: `/api/lab${path}`,
      tags: ["Lab"],
      summary,
      security,
      request: {
        ...(params.length ? { params: z.object(Object.fromEntries(params.map((p) => [p, z.string()]))) } : {}),
        ...(opts.query ? { query: opts.query } : {}),
        ...(opts.body ? { body: json(opts.body) } : {}),
      },
      responses: {
        [ok]: ok === 204 ? { description: "Done" } : { description: "OK", ...json(opts.response ?? Obj) },
        ...(write ? { 400: err("Invalid body (every failing field is named)"), 403: err("lab.write required (Global, Intune or Application Administrator)") } : {}),
        401: err("Not signed in"),
        404: err("No such object in this directory's lab"),
        ...(write ? { 409: err("Conflicts with the lab's state"), 412: err("If-Match does not match the current ETag") } : {}),
      },
    });
  };

  add("post", "/reset", "Reset the lab: a fresh lab, seed 002's correct configuration (lab only), or the complete correct setup of docs/complete-setup.md (lab, Intune profiles and assignments, Entra application proxy, groups, roles and licences; one transaction; Global Administrator). Real CA keys and certificates", { body: S.ZLabReset, ok: 200 });
  add("get", "/", "The whole lab by kind (accounts, groups, servers, CAs, templates, NDES, connectors, reverse proxies)");
  add("get", "/snapshot", "The LabSnapshot the rules evaluate");
  add("patch", "/network", "Lab network: inbound 443, NDES → CA RPC, public DNS", { body: S.ZLabNetworkUpdate });
  add("get", "/browse", "Lab browser: what a browser gets for a URL (decided by the rules)", { query: S.ZBrowseQuery, response: S.ZBrowseResult });
  // SCEP (issue 10): the URLs real clients on this machine use, and Intune-style challenges for them.
  add("get", "/scep/endpoints", "Per NDES instance: internalUrl, externalUrl (app proxy) and the local URLs a real SCEP client on this machine uses for them", { response: SCEP.ZScepEndpoints });
  add("post", "/scep/challenges", "Mint the Intune-style SCEP challenge Intune would hand this device for a SCEP profile (single use, 60 minutes)", { body: SCEP.ZScepChallengeCreate, response: SCEP.ZScepChallenge });
  add("get", "/reverse-proxies", "Reverse proxies (WAP, third-party)");
  add("post", "/reverse-proxies", "Add a reverse proxy", { body: S.ZReverseProxyCreate });
  add("patch", "/reverse-proxies/{id}", "Change a reverse proxy", { body: S.ZReverseProxyUpdate });
  add("delete", "/reverse-proxies/{id}", "Remove a reverse proxy");

  // Active Directory Users and Computers
  add("get", "/accounts", "AD accounts (users, service accounts, gMSAs, computers)");
  add("post", "/accounts", "ADUC › New user / service account / computer", { body: S.ZAdAccountCreate });
  add("get", "/accounts/{id}", "One AD account");
  add("patch", "/accounts/{id}", "Change an AD account (enabled, locked out, password expired…)", { body: S.ZAdAccountUpdate });
  add("delete", "/accounts/{id}", "Delete an AD account");
  add("post", "/accounts/{id}/spns", "setspn -s: register an SPN (duplicates refused)", { body: S.ZSpn, ok: 200 });
  add("delete", "/accounts/{id}/spns", "setspn -d: remove an SPN (?spn=)", { query: z.object({ spn: z.string() }) });
  add("get", "/groups", "AD groups with their members");
  add("post", "/groups", "ADUC › New group", { body: S.ZAdGroupCreate });
  add("delete", "/groups/{id}", "Delete an AD group");
  add("post", "/groups/{id}/members", "Add a member to an AD group", { body: S.ZGroupMember, ok: 204 });
  add("delete", "/groups/{id}/members/{memberId}", "Remove a member from an AD group");

  // Server Manager
  add("get", "/servers", "Servers");
  add("post", "/servers", "Add a server (joined to the lab's domain unless domainJoined is false)", { body: S.ZServerCreate });
  add("get", "/servers/{id}", "One server");
  add("patch", "/servers/{id}", "Server properties: OS, domain, IE ESC, TLS 1.2, WinHttp HTTP/2, .NET, hotfixes, user rights…", { body: S.ZServerUpdate });
  add("delete", "/servers/{id}", "Remove a server");
  add("post", "/servers/{id}/features", "Add/Remove Roles and Features", { body: S.ZFeatures, ok: 200 });
  add("post", "/servers/{id}/local-groups/{group}/members", "Add a member to IIS_IUSRS or Administrators", { body: S.ZLocalGroupMember, ok: 200 });
  add("delete", "/servers/{id}/local-groups/{group}/members/{member}", "Remove a member from a local group");
  add("patch", "/servers/{id}/network", "Outbound 443/80, TLS inspection, proxy, blocked hosts", { body: S.ZServerNetworkUpdate });
  add("patch", "/servers/{id}/services/{name}", "services.msc: start/stop, startup type", { body: S.ZServiceUpdate });
  add("post", "/servers/{id}/restart", "Restart the server (clears the pending restart)", { ok: 200 });
  add("post", "/servers/{id}/iisreset", "iisreset (does not count as a restart)", { ok: 200 });
  add("get", "/servers/{id}/certificates", "LocalMachine\\My and Root");
  add("post", "/servers/{id}/certificates", "Import a certificate (.cer) into My or Root", { body: S.ZCertificateImport });
  add("delete", "/servers/{id}/certificates/{store}/{thumbprint}", "Delete a certificate from a store");
  add("post", "/servers/{id}/certificates/request", "Request New Certificate from a template on a lab CA (issued for real)", { body: S.ZCertificateRequest });

  // NDES
  add("get", "/ndes", "NDES instances");
  add("post", "/servers/{id}/adcs-configuration", "AD CS Configuration wizard for NDES (issues the RA certificates)", { body: S.ZAdcsConfiguration });
  add("get", "/servers/{id}/registry/mscep", "Registry Editor: HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP");
  add("patch", "/servers/{id}/registry/mscep", "Edit MSCEP values", { body: S.ZMscepUpdate });
  add("get", "/servers/{id}/registry/http-parameters", "Registry Editor: HTTP\\Parameters");
  add("patch", "/servers/{id}/registry/http-parameters", "Edit MaxFieldLength / MaxRequestBytes (null deletes)", { body: S.ZHttpParametersUpdate });
  add("get", "/servers/{id}/iis", "IIS Manager: sites, bindings, request filtering, app pools");
  add("patch", "/servers/{id}/iis", "IIS applications (mscep_admin)", { body: S.ZIisUpdate });
  add("patch", "/servers/{id}/iis/sites/{siteId}", "Rename a site", { body: S.ZSiteUpdate });
  add("post", "/servers/{id}/iis/sites/{siteId}/bindings", "Add a binding (https 443 + certificate)", { body: S.ZBindingCreate, ok: 200 });
  add("delete", "/servers/{id}/iis/sites/{siteId}/bindings", "Remove a binding", { body: S.ZBindingRemove, ok: 200 });
  add("patch", "/servers/{id}/iis/request-filtering", "Request Filtering › Edit Feature Settings", { body: S.ZRequestFiltering });
  add("patch", "/servers/{id}/iis/app-pools/{name}", "Application pool: start/stop, identity", { body: S.ZAppPoolUpdate });
  add("patch", "/servers/{id}/iis/certificate-registration-svc", "CertificateRegistrationSvc › Authentication", { body: S.ZCrpAuthentication });

  // Connectors
  add("post", "/servers/{id}/intune-certificate-connector", "Certificate Connector for Microsoft Intune (or legacy NDES connector) wizard", { body: S.ZIntuneConnectorInstall });
  add("delete", "/servers/{id}/intune-certificate-connector", "Uninstall the certificate connector");
  add("post", "/servers/{id}/private-network-connector", "Microsoft Entra private network connector installer", { body: S.ZPrivateNetworkConnectorInstall });
  add("delete", "/servers/{id}/private-network-connector", "Uninstall the private network connector");

  // Certification Authority
  add("get", "/cas", "Certification authorities");
  add("get", "/cas/{id}", "One CA");
  add("patch", "/cas/{id}", "CA properties: DN length enforcement, service running", { body: S.ZCaUpdate });
  add("put", "/cas/{id}/acl", "Properties › Security: set one principal's permissions", { body: S.ZCaAce });
  add("delete", "/cas/{id}/acl/{principal}", "Remove a principal from the CA's Security tab");
  add("post", "/cas/{id}/setreg", "certutil -setreg Policy\\EditFlags ±EDITF_… or CA\\InterfaceFlags ±IF_…", { body: S.ZCaSetReg, ok: 200 });
  add("post", "/cas/{id}/templates-to-issue", "Certificate Template to Issue", { body: S.ZTemplateToIssue, ok: 200 });
  add("delete", "/cas/{id}/templates-to-issue/{template}", "Stop issuing a template");
  add("patch", "/cas/{id}/publication", "CRL distribution points and AIA, with reachability", { body: S.ZCaPublication });
  add("get", "/cas/{id}/requests", "Issued Certificates / Failed Requests / Pending Requests (?disposition=issued|failed|pending)");
  // Issue 14: the lab CA decides like the real one; 201 issued (a real X.509 certificate), 202 pending (manager
  // approval), 200 failed with the CA's own status text. Bad input (unknown account, unpublished template,
  // malformed SAN, unparsable csr) answers 400 naming the field and writes nothing.
  add("post", "/cas/{id}/requests", "Request a certificate as an AD account (certreq -submit): issued, pending or failed with the CA's text", { body: S.ZCaRequestSubmit, response: ZCaRequestOut });
  add("patch", "/servers/{id}/web-enrollment", "IIS › certsrv: http/https, NTLM, Extended Protection of Certification Authority Web Enrollment", { body: S.ZWebEnrollmentUpdate });
  add("get", "/cas/{id}/certificate", "certutil -ca.cert: the CA certificate (?format=der|base64)", { query: z.object({ format: z.enum(["der", "base64"]).optional() }) });

  // Certificate Templates
  add("get", "/templates", "Certificate templates");
  add("get", "/templates/{id}", "One template");
  add("post", "/templates/{id}/duplicate", "Duplicate Template (name = display name without spaces unless given)", { body: S.ZTemplateDuplicate });
  for (const [tab, schema] of Object.entries(S.ZTemplateTabs)) add("patch", `/templates/{id}/${tab}`, `Template properties › ${tab}`, { body: schema });
  add("delete", "/templates/{id}", "Delete a (non built-in) template");
}
