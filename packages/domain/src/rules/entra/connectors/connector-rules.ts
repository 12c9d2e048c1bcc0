// Catalogue A.8, the tenant side of the private network connector: connector groups and connector status.
// Sources: S35 (connectors), S37 (no working connector), S39 (bad gateway / gateway timeout); seeds 000 and 003.
import type { EntraConnector } from "../../../entra/snapshot";
import { defineRule, finding, listNames, type Finding, type Rule } from "../../types";
import { appRef, connectorRef, entraContext, groupKey, groupName, groupRef, type EntraContext } from "../entra-context";

const SEED_000 = "000_6abfab919ea0a4d2.txt";
const SEED_003 = "003_43f76a8e56847852.txt";
const SEED_004 = "004_0623edc70b4e3354.txt";

/** Groups that serve at least one published app and have no Active connector: key → connectors in it. */
function groupsWithoutWorkingConnector(ctx: EntraContext) {
  const out: { key: string; connectors: readonly EntraConnector[] }[] = [];
  for (const key of ctx.appsByGroup.keys()) {
    const connectors = ctx.connectorsByGroup.get(key) ?? [];
    if (!connectors.some((c) => c.status === "active")) out.push({ key, connectors });
  }
  return out;
}

function describeConnectors(connectors: readonly { machineName: string; status: string }[]): string {
  return connectors.length === 0
    ? "has no connectors"
    : `has ${connectors.length} connector${connectors.length === 1 ? "" : "s"}, none Active: ${listNames(connectors.map((c) => `${c.machineName} (${c.status})`))}`;
}

export const APPX_GROUP_NO_CONNECTOR: Rule = defineRule({
  code: "APPX_GROUP_NO_CONNECTOR",
  severity: "error",
  area: "entra",
  title: "A connector group that serves an application has no Active connector",
  why:
    "Application proxy forwards each request to an Active private network connector in the application's connector " +
    "group. A group with no connector, or only inactive ones, cannot forward anything: " +
    "\"The error is seen when an application is assigned to a connector group that has no working connectors.\"",
  fix:
    "Move an Active connector into the group (Application proxy › select the connector › Connector Group › Save), " +
    "or install and register a connector on a server that can reach the application.",
  symptom:
    "app page warning \"the group needs at least one Connector\" / no active connectors; users/devices get " +
    "\"Gateway time-out\" (\"The error is seen when an application is assigned to a connector group that has no working connectors.\")",
  sources: ["S37", "S39", SEED_000, SEED_004],
  check(snapshot, index) {
    const ctx = entraContext(snapshot, index);
    if (!ctx) return [];
    return groupsWithoutWorkingConnector(ctx).map(({ key, connectors }) => {
      const apps = ctx.appsByGroup.get(key) ?? [];
      return finding(
        APPX_GROUP_NO_CONNECTOR,
        [groupRef(ctx, key), ...apps.map(appRef), ...connectors.map(connectorRef)],
        `The connector group '${groupName(ctx, key)}' ${describeConnectors(connectors)}; it serves ${listNames(apps.map((a) => `'${a.displayName}'`))}.`,
      );
    });
  },
});

export const APPPROXY_CONNECTOR_GROUP_EMPTY: Rule = defineRule({
  code: "APPPROXY_CONNECTOR_GROUP_EMPTY",
  severity: "error",
  area: "entra",
  title: "The application's connector group has no Active connector",
  why:
    "The application is assigned to a connector group without a working connector, so application proxy has no way " +
    "to reach the internal URL (see APPX_GROUP_NO_CONNECTOR).",
  fix:
    "On the application's Application proxy page choose a Connector Group that has an Active connector, or move an " +
    "Active connector into this group.",
  symptom: "\"Gateway time-out\"",
  sources: ["S37", "S39", SEED_004],
  check(snapshot, index) {
    const ctx = entraContext(snapshot, index);
    if (!ctx) return [];
    return groupsWithoutWorkingConnector(ctx).flatMap(({ key, connectors }) =>
      (ctx.appsByGroup.get(key) ?? []).map((app) =>
        finding(
          APPPROXY_CONNECTOR_GROUP_EMPTY,
          [appRef(app), groupRef(ctx, key)],
          `'${app.displayName}' uses the connector group '${groupName(ctx, key)}', which ${describeConnectors(connectors)}. ` +
            `The portal shows: "${groupName(ctx, key)}" needs at least one active connector.`,
        ),
      ),
    );
  },
});

export const APPX_SINGLE_CONNECTOR: Rule = defineRule({
  code: "APPX_SINGLE_CONNECTOR",
  // The catalogue rates this a warning; Certlab reports it as info because seeds 000 and 003 document a single
  // connector as a working setup ("One Windows server is sufficient for testing.") and a correct setup must yield
  // no warnings (rules.md).
  severity: "info",
  area: "entra",
  title: "A connector group has only one connector",
  why:
    "Connectors update themselves automatically; while the only connector of a group restarts, the group's " +
    "applications are unreachable. \"Use more than one Windows server for high availability in your production environment.\"",
  fix: "\"We recommend that each connector group has at least two connectors … Having three connectors is optimal\"",
  symptom: "downtime during auto-update",
  sources: ["S35", SEED_000, SEED_003],
  check(snapshot, index) {
    const ctx = entraContext(snapshot, index);
    if (!ctx) return [];
    const out: Finding[] = [];
    for (const [key, connectors] of ctx.connectorsByGroup) {
      if (connectors.length !== 1) continue;
      const only = connectors[0]!;
      const apps = ctx.appsByGroup.get(key) ?? [];
      const serving = apps.length > 0 ? `; it serves ${listNames(apps.map((a) => `'${a.displayName}'`))}` : "";
      out.push(
        finding(
          APPX_SINGLE_CONNECTOR,
          [groupRef(ctx, key), connectorRef(only)],
          `The connector group '${groupName(ctx, key)}' has one connector, ${only.machineName}${serving}.`,
        ),
      );
    }
    return out;
  },
});

export const APPX_INACTIVE: Rule = defineRule({
  code: "APPX_INACTIVE",
  severity: "warning",
  area: "entra",
  title: "A private network connector is Inactive",
  why:
    "An inactive connector cannot reach the application proxy service. \"If your connectors are inactive, they're " +
    "unable to reach the service. Often because all of the required ports aren't open.\"",
  fix: "Fix the connector's outbound connectivity (ports 80 and 443, the required URLs) and its service, or ignore a stale connector: it is removed after 10 days.",
  symptom: "\"Unused connectors are tagged as _inactive_ and are removed after 10 days of inactivity.\"",
  sources: ["S35", SEED_003],
  check(snapshot, index) {
    const ctx = entraContext(snapshot, index);
    if (!ctx) return [];
    return ctx.entra.connectors
      .filter((c) => c.status === "inactive")
      .map((c) => {
        const key = groupKey(ctx, c.connectorGroupId);
        return finding(
          APPX_INACTIVE,
          [connectorRef(c), groupRef(ctx, key)],
          `The connector ${c.machineName} (${c.externalIp}, version ${c.version}) in '${groupName(ctx, key)}' is Inactive.`,
        );
      });
  },
});

export const CONNECTOR_RULES: readonly Rule[] = [
  APPX_GROUP_NO_CONNECTOR,
  APPPROXY_CONNECTOR_GROUP_EMPTY,
  APPX_SINGLE_CONNECTOR,
  APPX_INACTIVE,
];
