// All routes. Every blade is code-split (route `lazy`), so the first load carries only the shell.
import type { ComponentType } from "react";
import { createBrowserRouter, type RouteObject } from "react-router";
import { LaterMilestone } from "@/shared/components/later-milestone";
import type { PortalId } from "@/shared/portal/portal-context";
import { RequireAuth } from "@/app/routes/require-auth";
import { PortalShell } from "@/app/shell/portal-shell";
import { laterItems } from "@/app/shell/nav-config";
import type { CrumbHandle } from "@/app/shell/breadcrumbs";

type PageModule = { default: ComponentType };
const page = (load: () => Promise<PageModule>) => async () => ({ Component: (await load()).default });
const crumb = (label: string, extra: Omit<CrumbHandle, "crumb"> = {}): CrumbHandle => ({ crumb: label, ...extra });

function placeholders(portal: PortalId, base: string): RouteObject[] {
  return laterItems(portal).map((item) => ({
    path: item.to.slice(base.length + 1),
    handle: crumb(item.label),
    element: <LaterMilestone title={item.label} issue={item.later ?? ""} />,
  }));
}

/** Users and Groups are the same blades in Entra and in Intune (Intune embeds the directory's blades). */
const directoryBlades: RouteObject[] = [
  {
    path: "users",
    handle: crumb("Users"),
    children: [
      { index: true, lazy: page(() => import("@/features/entra/users/routes/users-list")) },
      { path: "new", handle: crumb("New user"), lazy: page(() => import("@/features/entra/users/routes/user-new")) },
      { path: ":userId", handle: crumb("User", { dynamic: true }), lazy: page(() => import("@/features/entra/users/routes/user-details")) },
    ],
  },
  {
    path: "groups",
    handle: crumb("Groups"),
    children: [
      { index: true, lazy: page(() => import("@/features/entra/groups/routes/groups-list")) },
      { path: "new", handle: crumb("New group"), lazy: page(() => import("@/features/entra/groups/routes/group-new")) },
      { path: ":groupId", handle: crumb("Group", { dynamic: true }), lazy: page(() => import("@/features/entra/groups/routes/group-details")) },
    ],
  },
];

export const routes: RouteObject[] = [
  { path: "/signin", lazy: page(() => import("@/features/auth/signin/routes/signin")) },
  // Issue 11: a trainee joins a workshop with its code (public; the join signs the browser in as the seat's admin).
  { path: "/join", lazy: page(() => import("@/features/auth/join/routes/join")) },
  { path: "/join/:code", lazy: page(() => import("@/features/auth/join/routes/join")) },
  {
    element: <RequireAuth />,
    children: [
      {
        path: "/entra",
        element: <PortalShell portal="entra" />,
        handle: crumb("Home"),
        children: [
          { index: true, lazy: page(() => import("@/features/entra/home/routes/entra-home")) },
          { path: "overview", handle: crumb("Overview"), lazy: page(() => import("@/features/entra/overview/routes/overview")) },
          ...directoryBlades,
          {
            path: "roles",
            handle: crumb("Roles and administrators"),
            children: [
              { index: true, lazy: page(() => import("@/features/entra/roles/routes/roles-list")) },
              { path: ":roleId", handle: crumb("Role", { dynamic: true }), lazy: page(() => import("@/features/entra/roles/routes/role-details")) },
            ],
          },
          { path: "domains", handle: crumb("Custom domain names"), lazy: page(() => import("@/features/entra/domains/routes/domains")) },
          { path: "audit-logs", handle: crumb("Audit logs"), lazy: page(() => import("@/features/entra/audit-logs/routes/audit-logs")) },
          {
            path: "enterprise-apps",
            handle: crumb("Enterprise applications"),
            children: [
              { index: true, lazy: page(() => import("@/features/entra/enterprise-apps/routes/applications-list")) },
              { path: "application-proxy", handle: crumb("Application proxy"), lazy: page(() => import("@/features/entra/enterprise-apps/routes/application-proxy")) },
              {
                path: "new",
                handle: crumb("Browse Microsoft Entra Gallery"),
                children: [
                  { index: true, lazy: page(() => import("@/features/entra/enterprise-apps/routes/new-application")) },
                  { path: "on-premises", handle: crumb("Add an on-premises application"), lazy: page(() => import("@/features/entra/enterprise-apps/routes/new-on-premises-application")) },
                ],
              },
              {
                path: ":appId",
                handle: crumb("Application", { dynamic: true }),
                lazy: page(() => import("@/features/entra/enterprise-apps/routes/application-layout")),
                children: [
                  { index: true, lazy: page(() => import("@/features/entra/enterprise-apps/routes/application-overview")) },
                  { path: "properties", handle: crumb("Properties"), lazy: page(() => import("@/features/entra/enterprise-apps/routes/application-properties")) },
                  { path: "users", handle: crumb("Users and groups"), lazy: page(() => import("@/features/entra/enterprise-apps/routes/application-users")) },
                  { path: "app-proxy", handle: crumb("Application proxy"), lazy: page(() => import("@/features/entra/enterprise-apps/routes/application-app-proxy")) },
                  { path: "audit-logs", handle: crumb("Audit logs"), lazy: page(() => import("@/features/entra/enterprise-apps/routes/application-audit-logs")) },
                ],
              },
            ],
          },
          ...placeholders("entra", "/entra"),
        ],
      },
      {
        path: "/intune",
        element: <PortalShell portal="intune" />,
        handle: crumb("Home"),
        children: [
          { index: true, lazy: page(() => import("@/features/intune/home/routes/intune-home")) },
          ...directoryBlades,
          {
            path: "tenant-admin",
            handle: crumb("Tenant administration"),
            children: [
              { index: true, lazy: page(() => import("@/features/intune/tenant-admin/routes/tenant-admin")) },
              { path: "roles", handle: crumb("Roles"), lazy: page(() => import("@/features/intune/tenant-admin/routes/tenant-roles")) },
              { path: "certificate-connectors", handle: crumb("Certificate connectors"), lazy: page(() => import("@/features/intune/connectors/routes/certificate-connectors")) },
            ],
          },
          {
            path: "devices",
            handle: crumb("Devices"),
            children: [
              { index: true, lazy: page(() => import("@/features/intune/configuration/routes/devices-home")) },
              {
                // Issue 10: Certlab's simulated managed devices, Sync and the enrollment trace.
                path: "all",
                handle: crumb("All devices"),
                children: [
                  { index: true, lazy: page(() => import("@/features/intune/devices/routes/devices-list")) },
                  { path: "create", handle: crumb("Create device"), lazy: page(() => import("@/features/intune/devices/routes/device-create")) },
                  { path: ":deviceId", handle: crumb("Device", { dynamic: true }), lazy: page(() => import("@/features/intune/devices/routes/device-details")) },
                ],
              },
              {
                path: "configuration",
                handle: crumb("Configuration"),
                children: [
                  { index: true, lazy: page(() => import("@/features/intune/configuration/routes/profiles-list")) },
                  { path: "create", handle: crumb("Create profile"), lazy: page(() => import("@/features/intune/configuration/routes/profile-create")) },
                  { path: ":profileId", handle: crumb("Profile", { dynamic: true }), lazy: page(() => import("@/features/intune/configuration/routes/profile-details")) },
                ],
              },
            ],
          },
          ...placeholders("intune", "/intune"),
        ],
      },
      {
        path: "/lab",
        element: <PortalShell portal="lab" />,
        handle: crumb("Server Manager"),
        children: [
          { index: true, lazy: page(() => import("@/features/lab/console/routes/lab-overview")) },
          { path: "servers/:serverId", handle: crumb("Server", { dynamic: true }), lazy: page(() => import("@/features/lab/console/routes/server")) },
          { path: "ad", handle: crumb("Active Directory Users and Computers"), lazy: page(() => import("@/features/lab/console/routes/ad")) },
          { path: "ca", handle: crumb("Certification Authority"), lazy: page(() => import("@/features/lab/console/routes/ca")) },
          {
            path: "templates",
            handle: crumb("Certificate Templates"),
            children: [
              { index: true, lazy: page(() => import("@/features/lab/console/routes/templates")) },
              { path: ":templateId", handle: crumb("Template", { dynamic: true }), lazy: page(() => import("@/features/lab/console/routes/template")) },
            ],
          },
          { path: "ndes", handle: crumb("NDES"), lazy: page(() => import("@/features/lab/console/routes/ndes")) },
          { path: "browser", handle: crumb("Lab browser"), lazy: page(() => import("@/features/lab/console/routes/browser")) },
          // Issue 8: the lab drawn as a graph; its chunk alone carries @xyflow/react and dagre.
          { path: "topology", handle: crumb("Topology"), lazy: page(() => import("@/features/lab/topology/routes/topology")) },
          ...placeholders("lab", "/lab"),
        ],
      },
      // Issue 11: the projector scoreboard, outside every portal frame (large type, nothing else on the screen).
      { path: "/workshops/:workshopId/scoreboard", lazy: page(() => import("@/features/certlab/workshops/routes/scoreboard")) },
      {
        element: <PortalShell portal="certlab" />,
        handle: crumb("Home", { to: "/" }),
        children: [
          // Issue 8 onboarding: "/" (README's address) is Certlab's home page; the first sign-in lands here.
          { path: "/", lazy: page(() => import("@/features/certlab/home/routes/home")) },
          {
            path: "/guides",
            handle: crumb("Guides"),
            children: [
              { index: true, lazy: page(() => import("@/features/certlab/guides/routes/guides-list")) },
              { path: ":guideId", handle: crumb("Guide", { dynamic: true }), lazy: page(() => import("@/features/certlab/guides/routes/guide")) },
            ],
          },
          {
            path: "/workshops",
            handle: crumb("Workshops"),
            children: [
              { index: true, lazy: page(() => import("@/features/certlab/workshops/routes/workshops-list")) },
              { path: "new", handle: crumb("New workshop"), lazy: page(() => import("@/features/certlab/workshops/routes/workshop-new")) },
              { path: ":workshopId", handle: crumb("Workshop", { dynamic: true }), lazy: page(() => import("@/features/certlab/workshops/routes/workshop-dashboard")) },
            ],
          },
          { path: "/health", handle: crumb("Certlab Health"), lazy: page(() => import("@/features/certlab/health/routes/health")) },
          { path: "/settings/tokens", handle: crumb("API tokens"), lazy: page(() => import("@/features/certlab/tokens/routes/tokens")) },
        ],
      },
    ],
  },
  { path: "*", lazy: page(() => import("@/app/routes/not-found")) },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
