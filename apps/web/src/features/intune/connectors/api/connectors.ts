// The certificate connectors Intune knows: the Certificate Connector for Microsoft Intune
// (/deviceManagement/certificateConnectorDetails) and the legacy NDES connector (/deviceManagement/ndesConnectors).
import { useQuery } from "@tanstack/react-query";
import { graph, request } from "@/shared/api/http";
import type { Collection } from "@/shared/api/types";

export type CertificateConnectorDetails = {
  id: string;
  connectorName: string;
  machineName: string;
  enrollmentDateTime: string;
  lastCheckinDateTime: string;
  connectorVersion: string;
};

export type NdesConnector = {
  id: string;
  displayName: string;
  machineName?: string;
  state: "none" | "active" | "inactive";
  lastConnectionDateTime: string;
  enrolledDateTime?: string;
  connectorVersion?: string;
};

/** One row of the blade, whichever generation the connector is. */
export type ConnectorRow = {
  id: string;
  name: string;
  machineName: string;
  version: string;
  lastCheckin: string;
  generation: "current" | "legacy";
  legacyState?: NdesConnector["state"];
};

export function useCertificateConnectors(tenantId: string) {
  return useQuery({
    queryKey: ["tenant", tenantId, "intune", "certificateConnectors"],
    queryFn: async (): Promise<ConnectorRow[]> => {
      const [current, legacy] = await Promise.all([
        request<Collection<CertificateConnectorDetails>>(graph("/deviceManagement/certificateConnectorDetails")),
        request<Collection<NdesConnector>>(graph("/deviceManagement/ndesConnectors")),
      ]);
      const seen = new Set(current.value.map((c) => c.id));
      return [
        ...current.value.map((c) => ({
          id: c.id,
          name: c.connectorName,
          machineName: c.machineName,
          version: c.connectorVersion,
          lastCheckin: c.lastCheckinDateTime,
          generation: "current" as const,
        })),
        ...legacy.value
          .filter((c) => !seen.has(c.id))
          .map((c) => ({
            id: c.id,
            name: c.displayName,
            machineName: c.machineName ?? "—",
            version: c.connectorVersion ?? "—",
            lastCheckin: c.lastConnectionDateTime,
            generation: "legacy" as const,
            legacyState: c.state,
          })),
      ];
    },
  });
}
