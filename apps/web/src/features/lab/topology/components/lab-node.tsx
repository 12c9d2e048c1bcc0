// A node of the topology: what it is, its second line (FQDN, CA type), and its health in words as well as colour.
import { Handle, Position, type NodeProps } from "@xyflow/react";
import type { FlowNode, LabNodeData, ZoneNodeData } from "@/features/lab/topology/lib/flow";
import { healthSummary, nodeLook } from "@/features/lab/topology/lib/flow";
import { HEALTH_LOOK } from "@/shared/lib/health";

const hidden = { opacity: 0, pointerEvents: "none" as const };

export function LabNode(props: NodeProps<FlowNode & { type: "lab" }>) {
  const { node, selected } = props.data as LabNodeData;
  const look = nodeLook(node.health, selected);
  return (
    <div
      style={{
        width: "100%",
        height: "100%",
        boxSizing: "border-box",
        border: `${look.borderWidth}px solid ${look.borderColor}`,
        background: look.background,
        boxShadow: look.boxShadow,
        borderRadius: 6,
        padding: "6px 10px",
        display: "flex",
        flexDirection: "column",
        justifyContent: "center",
        gap: 2,
        fontSize: 12,
        cursor: "pointer",
        color: "#242424",
      }}
    >
      <Handle type="target" position={Position.Top} style={hidden} isConnectable={false} />
      <strong style={{ fontSize: 13, whiteSpace: "nowrap", overflow: "hidden", textOverflow: "ellipsis" }}>{node.label}</strong>
      {node.detail && <span style={{ color: "#616161", whiteSpace: "nowrap", overflow: "hidden", textOverflow: "ellipsis" }}>{node.detail}</span>}
      <span style={{ color: HEALTH_LOOK[node.health].colour, fontWeight: 600 }}>{healthSummary(node.health, node.findings.length)}</span>
      <Handle type="source" position={Position.Bottom} style={hidden} isConnectable={false} />
    </div>
  );
}

export function ZoneNode(props: NodeProps<FlowNode & { type: "zone" }>) {
  const { label } = props.data as ZoneNodeData;
  return (
    <div
      style={{
        width: "100%",
        height: "100%",
        border: "1px dashed #8a8886",
        borderRadius: 10,
        background: "rgba(243, 242, 241, 0.45)",
        pointerEvents: "none",
      }}
    >
      <span style={{ position: "absolute", top: 6, left: 12, fontSize: 12, fontWeight: 600, color: "#605e5c" }}>{label}</span>
    </div>
  );
}
