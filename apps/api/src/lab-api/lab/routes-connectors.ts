// The connector installers, run on a lab server as their on-server wizards do:
// - Certificate Connector for Microsoft Intune (IntuneCertificateConnector.exe; or the legacy NDESConnectorSetup.exe
//   of seed 001): Features, Service Account, Proxy, then "Azure AD Sign-In" with a user of THIS tenant, who must be a
//   Global Administrator or Intune Administrator with an Intune licence (S2, S3, seed 001).
// - Microsoft Entra private network connector: accept the terms, register with an Application Administrator (or
//   Global Administrator) of the same directory (S32, S41). Lands in the tenant's Default connector group.
import { randomUUID } from "node:crypto";
import type { Router } from "express";
import { ROLE_IDS } from "@certlab/domain/directory/roles";
import { installAppProxyConnector, installIntuneConnector } from "@certlab/domain/lab/defaults";
import { connectorServices, SERVICE } from "@certlab/domain/lab/services";
import { requirePermission } from "../../auth/middleware.ts";
import { AppError, badRequest } from "../../http/errors.ts";
import { parseBody } from "../../http/validate.ts";
import { LAB_EXTERNAL_IP } from "../../store/lab/lab-store.ts";
import { appProxyConnectorStatus, intuneConnectorStatus } from "../../store/lab/snapshot.ts";
import { labStore, ndesOf, requireAccount } from "./common.ts";
import { ZIntuneConnectorInstall, ZPrivateNetworkConnectorInstall } from "@certlab/domain/lab/schemas";
import { accountLocked } from "../session.ts";

export const CURRENT_CONNECTOR_VERSION = "6.2406.0.1001";
export const LEGACY_CONNECTOR_VERSION = "6.2008.60.612";
export const PRIVATE_NETWORK_CONNECTOR_VERSION = "1.5.3437.0";

const incorrect = (target: string) =>
  badRequest("Your account or password is incorrect. If you don't remember your password, reset it now.", [{ code: "InvalidCredentials", target, message: "Sign-in failed." }]);

export function connectorRoutes(r: Router): void {
  r.post("/servers/:id/intune-certificate-connector", async (req, res) => {
    requirePermission(req, "lab.write");
    const body = parseBody(ZIntuneConnectorInstall, req.body);
    const store = labStore(req);
    // The wizard's sign-in page, before anything is installed.
    const who = await store.checkSignIn(body.signIn.userPrincipalName, body.signIn.password);
    if (!who.ok) {
      if (who.reason === "locked") throw accountLocked(who.retryAfterSeconds);
      if (who.reason === "credentials") throw incorrect("signIn.password");
      throw badRequest(
        who.reason === "disabled" ? "Your account has been locked. Contact your support person to unlock it, then try again." : `The user account ${body.signIn.userPrincipalName} does not exist in this directory.`,
        [{ code: "InvalidValue", target: "signIn.userPrincipalName", message: "Sign in with a user of this directory." }],
      );
    }
    const roles = new Set(who.roleIds);
    if (!roles.has(ROLE_IDS.globalAdministrator) && !roles.has(ROLE_IDS.intuneAdministrator)) {
      throw new AppError("badRequest", `${who.upn} can't configure the Certificate Connector: the account must be a Global Administrator or an Intune Administrator.`, {
        code: "CONN_SIGNIN_ROLE",
        details: [{ code: "CONN_SIGNIN_ROLE", target: "signIn.userPrincipalName", message: "Use a user account that is either a Global Admin or Intune Admin and has an Intune license assigned." }],
      });
    }
    if (!who.hasIntuneLicense) {
      throw new AppError("badRequest", "An Intune license is required for the account that you sign in with", {
        code: "CONN_SIGNIN_NO_LICENSE",
        details: [{ code: "CONN_SIGNIN_NO_LICENSE", target: "signIn.userPrincipalName", message: `${who.upn} has no Intune license.` }],
      });
    }
    const id = req.params.id!;
    const out = await store.change(body.generation === "legacy" ? "Install Microsoft Intune Connector" : "Install Certificate Connector for Microsoft Intune", "Add", (d) => {
      const s = d.get("server", id);
      if (d.intuneConnectors().some((c) => c.serverId === id))
        throw new AppError("conflict", "A certificate connector is already installed on this server. Uninstall it first.", { code: "AlreadyInstalled" });
      const serviceAccount = body.serviceAccount.toUpperCase() === "SYSTEM" ? "SYSTEM" : requireAccount(d, body.serviceAccount, "serviceAccount").id;
      const ndes = ndesOf(d, id);
      const done = installIntuneConnector(s, ndes, {
        id: randomUUID(),
        at: new Date().toISOString(),
        signedInUpn: who.upn,
        signedInUserRoles: who.roleIds,
        signedInUserHasIntuneLicense: who.hasIntuneLicense,
        features: body.features,
        serviceAccount,
        proxy: body.proxy,
        generation: body.generation,
        version: body.generation === "legacy" ? LEGACY_CONNECTOR_VERSION : CURRENT_CONNECTOR_VERSION,
      });
      Object.assign(s, done.server);
      if (ndes && done.ndes) Object.assign(ndes, done.ndes);
      const c = done.connector;
      // HKLM\SOFTWARE\Microsoft\MicrosoftIntune\PFXCertificateConnector (legacy: …\NDESConnector).
      const registry =
        body.generation === "legacy"
          ? { path: "HKLM\\SOFTWARE\\Microsoft\\MicrosoftIntune\\NDESConnector", SigningCertificate: c.clientCertificate?.thumbprint }
          : {
              path: "HKLM\\SOFTWARE\\Microsoft\\MicrosoftIntune\\PFXCertificateConnector",
              EncryptionCertThumbprint: c.clientCertificate?.thumbprint,
              EnableSCEP: c.features.scep ? 1 : 0,
              EnablePFxCreate: c.features.pkcs ? 1 : 0,
              EnablePFxImport: c.features.pkcsImported ? 1 : 0,
              EnableRevocation: c.features.revocation ? 1 : 0,
              ...(body.proxy ? { "Proxy\\ProxyServer": body.proxy } : {}),
            };
      const stored = { ...c, connectorName: s.name, machineName: s.fqdn, environment: body.environment, registry };
      d.addIntuneConnector(stored);
      return { result: { c: stored, status: intuneConnectorStatus(s, c) }, target: { kind: "intune", id: c.id } };
    });
    res.status(201).json({ ...out.c, status: out.status });
  });

  r.delete("/servers/:id/intune-certificate-connector", async (req, res) => {
    requirePermission(req, "lab.write");
    const id = req.params.id!;
    await labStore(req).change("Uninstall certificate connector", "Delete", (d) => {
      const s = d.get("server", id);
      const c = d.intuneConnectors().find((x) => x.serverId === id);
      if (!c) throw new AppError("notFound", "No certificate connector is installed on this server.");
      const names = new Set<string>(connectorServices(c).map((x) => SERVICE[x].name));
      s.services = s.services.filter((x) => !names.has(x.name));
      s.installedAgents = s.installedAgents.filter((a) => a !== (c.generation === "legacy" ? "Microsoft Intune Connector" : "Certificate Connector for Microsoft Intune"));
      const ndes = ndesOf(d, id);
      if (ndes) {
        const { policyModule: _p, ...rest } = ndes.mscepRegistry;
        ndes.mscepRegistry = rest;
      }
      s.pendingRestart = true;
      d.removeConnectorsOf(id, "intune");
      return { result: undefined, target: { kind: "intune", id: c.id } };
    });
    res.status(204).end();
  });

  r.post("/servers/:id/private-network-connector", async (req, res) => {
    requirePermission(req, "lab.write");
    const body = parseBody(ZPrivateNetworkConnectorInstall, req.body);
    const store = labStore(req);
    const who = await store.checkSignIn(body.registerAsUpn, body.password);
    if (!who.ok && who.reason === "locked") throw accountLocked(who.retryAfterSeconds);
    if (!who.ok && who.reason === "credentials") throw incorrect("password");
    const denied = () =>
      new AppError(
        "badRequest",
        "Connector registration failed: Make sure you are an Application Administrator of your Active Directory to register the connector. Error: 'The registration request was denied.'",
        { code: "APPX_REGISTERED_BY_WRONG_ACCOUNT", details: [{ code: "RegistrationDenied", target: "registerAsUpn", message: "Register with an Application Administrator of this directory." }] },
      );
    if (!who.ok) throw denied();
    if (!who.roleIds.includes(ROLE_IDS.applicationAdministrator) && !who.roleIds.includes(ROLE_IDS.globalAdministrator)) throw denied();
    const id = req.params.id!;
    const out = await store.change("Install Microsoft Entra private network connector", "Add", (d) => {
      const s = d.get("server", id);
      if (d.appProxyConnectors().some((c) => c.serverId === id))
        throw new AppError("conflict", "The Microsoft Entra private network connector is already installed on this server.", { code: "AlreadyInstalled" });
      if (!s.network.outbound443 || s.network.tlsInspection)
        throw new AppError("badRequest", "The connector was unable to connect to the service due to networking issues. The connector tried to access the following URL.", {
          code: "APPX_OUTBOUND_BLOCKED",
          details: [{ code: "NetworkBlocked", target: "server.network", message: "Outbound 443 to *.msappproxy.net must be open without TLS inspection." }],
        });
      const group = d.defaultConnectorGroup();
      const done = installAppProxyConnector(s, { id: randomUUID(), at: new Date().toISOString(), registeredByUpn: who.upn, registeredByRoles: who.roleIds, registeredTenantMatches: true, connectorGroupId: group.id });
      Object.assign(s, done.server);
      const c = { ...done.connector, version: PRIVATE_NETWORK_CONNECTOR_VERSION, machineName: s.fqdn, externalIp: LAB_EXTERNAL_IP, createdDateTime: new Date().toISOString() };
      d.addAppProxyConnector(c);
      return { result: { c, status: appProxyConnectorStatus(s), groupName: group.name }, target: { kind: "appx", id: c.id } };
    });
    res.status(201).json({ ...out.c, status: out.status, connectorGroupName: out.groupName });
  });

  r.delete("/servers/:id/private-network-connector", async (req, res) => {
    requirePermission(req, "lab.write");
    const id = req.params.id!;
    await labStore(req).change("Uninstall Microsoft Entra private network connector", "Delete", (d) => {
      const s = d.get("server", id);
      const c = d.appProxyConnectors().find((x) => x.serverId === id);
      if (!c) throw new AppError("notFound", "The private network connector is not installed on this server.");
      s.services = s.services.filter((x) => x.name !== SERVICE.appProxyConnector.name && x.name !== SERVICE.appProxyUpdater.name);
      s.installedAgents = s.installedAgents.filter((a) => a !== "Microsoft Entra private network connector");
      d.removeConnectorsOf(id, "appx");
      return { result: undefined, target: { kind: "appx", id: c.id } };
    });
    res.status(204).end();
  });
}
