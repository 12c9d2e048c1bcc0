// The Intune certificate connectors the lab's installer registered (CertificateConnector rows): the legacy NDES
// connector (Graph ndesConnector) and the Certificate Connector for Microsoft Intune (certificateConnectorDetails).
// Graph's ndesConnector.state is derived, the same way the lab's snapshot derives it (store/lab/snapshot.ts): on a lab
// server, the connector is active while its services run and the server reaches Intune on 443 outbound — and an
// active connector checks in continuously, so its last check-in is "now". A connector whose server isn't in the lab
// (rows made by a script or a test) is judged by its stored check-in: active when it is less than a day old.
import { SERVICE, connectorServices } from "@certlab/domain/lab/services";
import { STALE_CHECKIN_MS } from "@certlab/domain/rules/intune/connectors/connectors";
import type { SnapCertificateConnector } from "@certlab/domain/intune/snapshot";
import type { Db, Tx } from "../../db/client.ts";
import { findRows } from "../../db/fast-find.ts";
import type { ConnectorRow } from "./rows.ts";

export type ConnectorGeneration = "current" | "legacy";
export type NdesConnectorState = "active" | "inactive";

export const generationOf = (row: Pick<ConnectorRow, "generation">): ConnectorGeneration => (row.generation === "legacy" ? "legacy" : "current");

type LabServerView = { services: { name: string; status: string }[]; network?: { outbound443?: boolean } };
type Features = { scep: boolean; pkcs: boolean; pkcsImported: boolean; revocation: boolean };

/** The lab servers the connectors run on (absent when the server isn't in the lab). */
async function labServers(db: Db | Tx, tenantId: string, rows: ConnectorRow[]): Promise<Map<string, LabServerView>> {
  const ids = [...new Set(rows.map((r) => r.serverId))];
  if (ids.length === 0) return new Map();
  const servers = await findRows(db, "labObject", { where: { tenantId, kind: "server", id: { in: ids } }, select: { id: true, data: true } });
  const out = new Map<string, LabServerView>();
  for (const s of servers) {
    try {
      const data = JSON.parse(s.data) as Partial<LabServerView>;
      out.set(s.id, { services: Array.isArray(data.services) ? data.services : [], network: data.network });
    } catch {
      out.set(s.id, { services: [] });
    }
  }
  return out;
}

function featuresOf(row: ConnectorRow): Features {
  try {
    const f = (JSON.parse(row.data) as { features?: Partial<Features> }).features;
    return { scep: true, pkcs: false, pkcsImported: false, revocation: false, ...f };
  } catch {
    return { scep: true, pkcs: false, pkcsImported: false, revocation: false };
  }
}

export type ConnectorView = { row: ConnectorRow; state: NdesConnectorState; lastCheckin: Date };

export function connectorView(row: ConnectorRow, servers: Map<string, LabServerView>, now = new Date()): ConnectorView {
  const server = servers.get(row.serverId);
  if (!server) {
    const state = now.getTime() - row.lastCheckinDateTime.getTime() > STALE_CHECKIN_MS ? "inactive" : "active";
    return { row, state, lastCheckin: row.lastCheckinDateTime };
  }
  const running = (name: string) => server.services.some((s) => s.name.toLowerCase() === name.toLowerCase() && s.status === "running");
  const active =
    !!server.network?.outbound443 && connectorServices({ generation: generationOf(row), features: featuresOf(row) }).every((id) => running(SERVICE[id].name));
  return active ? { row, state: "active", lastCheckin: now } : { row, state: "inactive", lastCheckin: row.lastCheckinDateTime };
}

export async function connectorViews(db: Db | Tx, tenantId: string, rows: ConnectorRow[], now = new Date()): Promise<ConnectorView[]> {
  const servers = await labServers(db, tenantId, rows);
  return rows.map((row) => connectorView(row, servers, now));
}

export function snapConnectorOf({ row, lastCheckin }: ConnectorView): SnapCertificateConnector {
  return {
    id: row.id,
    connectorName: row.connectorName,
    machineName: row.machineName,
    version: row.connectorVersion,
    lastCheckinDateTime: lastCheckin.toISOString(),
    generation: generationOf(row),
    enrollmentDateTime: row.enrollmentDateTime.toISOString(),
  };
}
