// Sources beyond the catalogue's source key (rules-reference.md S1–S56), for rules Certlab adds in the same style
// (rules.md: "A rule the catalogue lacks may be added with a new code in the same style and a source"). Keys are
// X<n> so they can never clash with a later S key. docs/rules.md lists them under the table.
export const EXTRA_SOURCES = {
  X1: "SpecterOps, Will Schroeder and Lee Christensen, \"Certified Pre-Owned: Abusing Active Directory Certificate Services\" (2021): ESC1–ESC8",
  X2: "ly4k/Certipy `certipy/commands/find.py` (get_template_vulnerabilities, get_ca_vulnerabilities, _determine_template_capabilities)",
  X3: "Microsoft KB5014754, \"Certificate-based authentication changes on Windows domain controllers\" (strong mapping, full enforcement)",
  X4: "CVE-2024-49019 (Active Directory Certificate Services elevation of privilege); TrustedSec, \"EKUwu: Not just another AD CS ESC\" (2024)",
  X5: "Compass Security, \"Relaying to AD Certificate Services over RPC\" (2022): ESC11, IF_ENFORCEENCRYPTICERTREQUEST",
  X6: "Microsoft KB5005413, \"Mitigating NTLM Relay Attacks on Active Directory Certificate Services (AD CS)\" (Extended Protection, Require SSL)",
} as const;
export type ExtraSourceKey = keyof typeof EXTRA_SOURCES;
