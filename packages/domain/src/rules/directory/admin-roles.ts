// The built-in roles the scenario's documented steps need, grouped by the step.
import { ROLE_IDS } from "../../directory/roles";

/** "The sign-in account needs to be a Global Administrator or an Intune Administrator!" (001_6feb1c2e8b30dee5.txt) */
export const CONNECTOR_SIGNIN_ROLES = [ROLE_IDS.globalAdministrator, ROLE_IDS.intuneAdministrator] as const;

/**
 * Registering the private network connector needs "the credentials for an Application Administrator"
 * (000_6abfab919ea0a4d2.txt); Global Administrator can do everything. Cloud Application Administrator cannot:
 * its role is "…except App Proxy".
 */
export const CONNECTOR_REGISTRATION_ROLES = [ROLE_IDS.globalAdministrator, ROLE_IDS.applicationAdministrator] as const;

/** Roles the scenario depends on; a disabled holder is worth mentioning. */
export const PRIVILEGED_SCENARIO_ROLES = [
  ROLE_IDS.globalAdministrator,
  ROLE_IDS.intuneAdministrator,
  ROLE_IDS.applicationAdministrator,
] as const;
