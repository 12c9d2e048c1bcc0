// Each portal's left navigation, in the order the real portals show it. An entry with `later` has no blade yet:
// its route renders the "later Certlab milestone" page naming what will fill it.
import type { PortalId } from "@/shared/portal/portal-context";

export type NavItem = {
  label: string;
  /** Absolute path. */
  to: string;
  /** What will fill this blade (shown on the placeholder page); absent when the blade exists. */
  later?: string;
  /** A link into another portal / Certlab page rather than a blade of this portal. */
  external?: boolean;
};

export type NavSection = { heading?: string; items: NavItem[] };

const healthItem: NavItem = { label: "Certlab Health", to: "/health", external: true };

export const NAV: Record<PortalId, NavSection[]> = {
  intune: [
    {
      items: [
        { label: "Home", to: "/intune" },
        { label: "Dashboard", to: "/intune/dashboard", later: "Intune dashboard: device compliance and configuration status tiles (Intune configuration milestone)." },
        { label: "All services", to: "/intune/all-services", later: "All services: the catalogue of Intune blades (Intune configuration milestone)." },
        { label: "Devices", to: "/intune/devices" },
        { label: "Apps", to: "/intune/apps", later: "Apps: not part of the SCEP scenario; kept for the portal's shape." },
        { label: "Endpoint security", to: "/intune/endpoint-security", later: "Endpoint security: not part of the SCEP scenario; kept for the portal's shape." },
        { label: "Reports", to: "/intune/reports", later: "Reports: device configuration and certificate deployment reports (SCEP simulator milestone)." },
        { label: "Users", to: "/intune/users" },
        { label: "Groups", to: "/intune/groups" },
        { label: "Tenant administration", to: "/intune/tenant-admin" },
        { label: "Troubleshooting + support", to: "/intune/troubleshooting", later: "Troubleshooting + support: the simulated enrollment trace per device (SCEP simulator milestone)." },
      ],
    },
    { heading: "Certlab", items: [healthItem] },
  ],
  entra: [
    { items: [{ label: "Home", to: "/entra" }] },
    {
      heading: "Entra ID",
      items: [
        { label: "Overview", to: "/entra/overview" },
        { label: "Users", to: "/entra/users" },
        { label: "Groups", to: "/entra/groups" },
        { label: "Roles & admins", to: "/entra/roles" },
        { label: "Enterprise apps", to: "/entra/enterprise-apps" },
        { label: "Custom domain names", to: "/entra/domains" },
        { label: "Audit logs", to: "/entra/audit-logs" },
      ],
    },
    { heading: "Certlab", items: [healthItem] },
  ],
  lab: [
    {
      heading: "Server Manager",
      items: [
        { label: "Overview", to: "/lab" },
        { label: "Active Directory", to: "/lab/ad" },
        { label: "Certification Authority", to: "/lab/ca" },
        { label: "Certificate Templates", to: "/lab/templates" },
        { label: "NDES", to: "/lab/ndes" },
        { label: "Lab browser", to: "/lab/browser" },
        { label: "Topology", to: "/lab/topology" },
      ],
    },
    { heading: "Certlab", items: [healthItem] },
  ],
  certlab: [
    {
      items: [
        { label: "Home", to: "/" },
        { label: "Guides", to: "/guides" },
        { label: "Workshops", to: "/workshops" },
        { label: "Certlab Health", to: "/health" },
        { label: "API tokens", to: "/settings/tokens" },
      ],
    },
    {
      heading: "Portals",
      items: [
        { label: "Microsoft Entra admin center", to: "/entra", external: true },
        { label: "Microsoft Intune admin center", to: "/intune", external: true },
        { label: "On-premises lab", to: "/lab", external: true },
      ],
    },
  ],
};

/** Placeholder blades, for the router. */
export function laterItems(portal: PortalId): NavItem[] {
  return NAV[portal].flatMap((s) => s.items).filter((i) => i.later);
}
