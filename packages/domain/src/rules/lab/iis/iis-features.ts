// A.4: the Windows features NDES and the connector need (S1, S2, S28, S30; 002_823a4c777ce30773.txt "Set up NDES").
import { configuredNdes, labRule, ref } from "../lab-rule";

/** Install-WindowsFeature name → the name Server Manager shows. */
export const NDES_REQUIRED_FEATURES: Record<string, string> = {
  "Web-Server": "Web Server (IIS)",
  "Web-Filtering": "Request Filtering",
  "Web-Net-Ext45": ".NET Extensibility 4.7",
  "Web-Asp-Net45": "ASP.NET 4.7",
  "NET-Framework-45-Core": ".NET Framework 4.7",
  "NET-WCF-HTTP-Activation45": "WCF Services › HTTP Activation",
  "Web-Metabase": "IIS 6 Metabase Compatibility",
  "Web-WMI": "IIS 6 WMI Compatibility",
  "Web-Mgmt-Console": "IIS Management Console",
  "NET-Framework-Core": ".NET Framework 3.5 (includes .NET 2.0 and 3.0)",
  "NET-HTTP-Activation": ".NET Framework 3.5 › HTTP Activation",
};

export const IIS_FEATURES_MISSING = labRule(
  {
    code: "IIS_FEATURES_MISSING",
    severity: "error",
    title: "IIS or .NET features NDES needs are missing",
    why: "NDES and the connector run in IIS with ASP.NET and WCF HTTP Activation and are managed through the IIS 6 compatibility components.",
    fix: "add roles/features listed in S1/S2",
    symptom: '"Error: <Feature> Feature not installed!" / "<Feature> is not installed."',
    sources: ["S1", "S2", "S28", "S30", "002_823a4c777ce30773.txt"],
  },
  (_lab, ix, report) => {
    for (const c of configuredNdes(ix)) {
      const installed = new Set(c.server.features);
      const missing = Object.keys(NDES_REQUIRED_FEATURES).filter((f) => !installed.has(f));
      if (missing.length)
        report([ref.server(c.server)], `${c.server.fqdn} lacks ${missing.map((f) => `${NDES_REQUIRED_FEATURES[f]} (${f})`).join(", ")}.`);
    }
  },
);
