// A.5: the account used on the connector wizard's "Azure AD Sign-In" page (S2, S3, S19; 001_6feb1c2e8b30dee5.txt
// "The sign-in account needs to be a Global Administrator or an Intune Administrator!" and the reader's licence pitfall).
import { findRole } from "../../../directory/roles";
import { CONNECTOR_SIGNIN_ROLES } from "../../directory/admin-roles";
import { labRule, ref } from "../lab-rule";

const roleNames = (ids: string[]) => ids.map((r) => findRole(r)?.displayName ?? r).join(", ") || "no admin role";

export const CONN_SIGNIN_ROLE = labRule(
  {
    code: "CONN_SIGNIN_ROLE",
    severity: "error",
    title: "The connector was signed in by an account that is not a Global or Intune Administrator",
    why: "The connector registers with Intune as the account used in its wizard, which must be a Global Administrator or an Intune Administrator.",
    fix: 'use "a user account that: is either a Global Admin or Intune Admin and has an Intune license assigned"',
    symptom: "wizard sign-in fails (exact UNCONFIRMED)",
    sources: ["S2", "S3", "001_6feb1c2e8b30dee5.txt"],
  },
  (lab, ix, report) => {
    const allowed = new Set<string>(CONNECTOR_SIGNIN_ROLES);
    for (const conn of lab.intuneCertificateConnectors)
      if (!conn.signedInUserRoles.some((r) => allowed.has(r.toLowerCase())))
        report([ref.connector(conn, ix.serversById.get(conn.serverId))], `The connector was signed in as ${conn.signedInUpn}, who holds ${roleNames(conn.signedInUserRoles)}.`);
  },
);

export const CONN_SIGNIN_NO_LICENSE = labRule(
  {
    code: "CONN_SIGNIN_NO_LICENSE",
    severity: "error",
    title: "The connector was signed in by an account without an Intune license",
    why: "The account used in the connector wizard must have an Intune license assigned.",
    fix: "assign Intune license",
    symptom:
      'Legacy UI: "An unexpected error has occurred"; svclog "NDES Connector certificate could not be found" … "ConnectionStatus - IssueDetails with the value 0x80004003"; new connector: "An Intune license is required for the account that you sign in with"',
    sources: ["S3", "S19", "001_6feb1c2e8b30dee5.txt", "002_823a4c777ce30773.txt"],
  },
  (lab, ix, report) => {
    for (const conn of lab.intuneCertificateConnectors)
      if (!conn.signedInUserHasIntuneLicense)
        report([ref.connector(conn, ix.serversById.get(conn.serverId))], `The connector was signed in as ${conn.signedInUpn}, who has no Intune license.`);
  },
);
