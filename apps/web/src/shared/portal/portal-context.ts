// Which portal a page is shown in (Intune, Entra, the lab console or Certlab's own pages). The shell provides it;
// pages read it for their document title and for links that stay inside the current portal.
import { createContext, useContext } from "react";

export type PortalId = "intune" | "entra" | "lab" | "certlab";

export type PortalInfo = { id: PortalId; productName: string; basePath: string };

export const PORTALS: Record<PortalId, PortalInfo> = {
  intune: { id: "intune", productName: "Microsoft Intune admin center", basePath: "/intune" },
  entra: { id: "entra", productName: "Microsoft Entra admin center", basePath: "/entra" },
  lab: { id: "lab", productName: "Certlab on-premises lab", basePath: "/lab" },
  certlab: { id: "certlab", productName: "Certlab", basePath: "/" },
};

export const PortalContext = createContext<PortalInfo>(PORTALS.entra);

export function usePortal(): PortalInfo {
  return useContext(PortalContext);
}
