// Windows services the connectors install, as services.msc lists them (S30's service list; D.1; S35, S36).
import type { IntuneCertificateConnector, WindowsService } from "./snapshot";

export const SERVICE = {
  /** Certificate Connector for Microsoft Intune: the core service (always), PKCS, revocation (S30). */
  pfxConnector: { name: "PFXCertificateConnectorSvc", displayName: "PFX Certificate Connector for Microsoft Intune" },
  pkiConnector: { name: "PKICertificateConnectorSvc", displayName: "PKI Certificate Connector for Microsoft Intune" },
  revokeConnector: { name: "PkiRevokeConnectorSvc", displayName: "PKI Revoke Connector for Microsoft Intune" },
  /** Legacy Microsoft Intune Connector (NDESConnectorSetup.exe). */
  legacyConnector: { name: "NDESConnectorSvc", displayName: "Intune Connector Service" },
  /** Microsoft Entra private network connector and its updater (formerly "Microsoft AAD Application Proxy Connector"). */
  appProxyConnector: { name: "WAPCSvc", displayName: "Microsoft Entra private network connector" },
  appProxyUpdater: { name: "WAPCUpdaterSvc", displayName: "Microsoft Entra private network connector updater" },
  /** Active Directory Certificate Services. */
  certSvc: { name: "CertSvc", displayName: "Active Directory Certificate Services" },
  /** IIS. */
  w3svc: { name: "W3SVC", displayName: "World Wide Web Publishing Service" },
} as const;

export type ServiceId = keyof typeof SERVICE;

/** The services a Certificate Connector needs for its features. */
export function connectorServices(c: Pick<IntuneCertificateConnector, "generation" | "features">): ServiceId[] {
  if (c.generation === "legacy") return ["legacyConnector"];
  const ids: ServiceId[] = ["pfxConnector"];
  if (c.features.pkcs || c.features.pkcsImported) ids.push("pkiConnector");
  if (c.features.revocation) ids.push("revokeConnector");
  return ids;
}

export function runningService(id: ServiceId, startupType: WindowsService["startupType"] = "automatic"): WindowsService {
  return { ...SERVICE[id], status: "running", startupType };
}
