// Roles and features as Add Roles and Features lists them, by their Install-WindowsFeature names.
import { NDES_FEATURES } from "@certlab/domain/lab/defaults";

export const ROLE_NAMES: Record<string, string> = {
  "AD-Domain-Services": "Active Directory Domain Services",
  DNS: "DNS Server",
  "ADCS-Cert-Authority": "Certification Authority",
  "ADCS-Device-Enrollment": "Network Device Enrollment Service",
  "ADCS-Web-Enrollment": "Certification Authority Web Enrollment",
  "Web-Server": "Web Server (IIS)",
};

export type FeatureGroup = { heading: string; items: [name: string, label: string][] };

/** Server Roles page (role services indented under their role) and the features seed 002 lists. */
export const ROLE_TREE: FeatureGroup[] = [
  {
    heading: "Active Directory Certificate Services",
    items: [
      ["ADCS-Cert-Authority", "Certification Authority"],
      ["ADCS-Device-Enrollment", "Network Device Enrollment Service"],
      ["ADCS-Web-Enrollment", "Certification Authority Web Enrollment"],
    ],
  },
  {
    heading: "Web Server (IIS)",
    items: [
      ["Web-Server", "Web Server"],
      ["Web-Filtering", "Request Filtering"],
      ["Web-Net-Ext", ".NET Extensibility 3.5"],
      ["Web-Asp-Net", "ASP.NET 3.5"],
      ["Web-Net-Ext45", ".NET Extensibility 4.7"],
      ["Web-Asp-Net45", "ASP.NET 4.7"],
      ["Web-Mgmt-Console", "IIS Management Console"],
      ["Web-Metabase", "IIS 6 Metabase Compatibility"],
      ["Web-WMI", "IIS 6 WMI Compatibility"],
    ],
  },
];

export const FEATURE_TREE: FeatureGroup[] = [
  {
    heading: ".NET Framework 3.5 Features",
    items: [
      ["NET-Framework-Core", ".NET Framework 3.5 (includes .NET 2.0 and 3.0)"],
      ["NET-HTTP-Activation", "HTTP Activation"],
    ],
  },
  {
    heading: ".NET Framework 4.7 Features",
    items: [
      ["NET-Framework-45-Core", ".NET Framework 4.7"],
      ["NET-Framework-45-ASPNET", "ASP.NET 4.7"],
      ["NET-WCF-HTTP-Activation45", "WCF Services › HTTP Activation"],
    ],
  },
];

export const LABEL_OF = new Map<string, string>([...ROLE_TREE, ...FEATURE_TREE].flatMap((g) => g.items));

/** What selecting NDES pulls in ("Add features that are required for Network Device Enrollment Service?"). */
export const NDES_REQUIRED = NDES_FEATURES;

export function rolesOf(s: { features: string[]; isDomainController?: boolean }): string[] {
  const roles: string[] = [];
  if (s.features.includes("AD-Domain-Services") || s.isDomainController) roles.push("AD DS");
  if (s.features.includes("DNS")) roles.push("DNS");
  if (s.features.some((f) => f.startsWith("ADCS-"))) {
    const svc = [s.features.includes("ADCS-Cert-Authority") && "Certification Authority", s.features.includes("ADCS-Device-Enrollment") && "NDES"].filter(Boolean);
    roles.push(`AD CS (${svc.join(", ")})`);
  }
  if (s.features.includes("Web-Server")) roles.push("IIS");
  return roles;
}
