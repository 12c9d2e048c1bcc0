// What makes each portal recognisable at a glance: the top bar's colour and the left pane's style.
import type { PortalId } from "@/shared/portal/portal-context";

export type PortalLook = { topBar: string; topBarText: string; accent: string; consoleTree: boolean };

export const LOOKS: Record<PortalId, PortalLook> = {
  // Intune admin center: the dark navy header.
  intune: { topBar: "#1b2a47", topBarText: "#ffffff", accent: "#4f8fea", consoleTree: false },
  // Entra admin center: Microsoft blue.
  entra: { topBar: "#0f6cbd", topBarText: "#ffffff", accent: "#0f6cbd", consoleTree: false },
  // Windows Server consoles: a dark blue-grey title bar and a console tree.
  lab: { topBar: "#2b3d54", topBarText: "#ffffff", accent: "#2b88d8", consoleTree: true },
  certlab: { topBar: "#3b3a39", topBarText: "#ffffff", accent: "#8764b8", consoleTree: false },
};
