// The picture: @xyflow/react draws what lib/flow.ts laid out with dagre; a click on a node or an edge selects it.
// Read-only (no dragging or connecting): it shows the lab, the consoles change it.
import { useMemo } from "react";
import { Background, Controls, ReactFlow, type NodeTypes } from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import type { Topology } from "@/features/lab/topology/api/get-topology";
import { toFlow, type FlowEdge, type FlowNode } from "@/features/lab/topology/lib/flow";
import { LabNode, ZoneNode } from "@/features/lab/topology/components/lab-node";
import type { Selection } from "@/features/lab/topology/components/details-pane";

const nodeTypes: NodeTypes = { lab: LabNode, zone: ZoneNode };

export function TopologyGraph(props: { topology: Topology; selectedId: string | null; onSelect: (s: Selection) => void }) {
  const { nodes, edges } = useMemo(() => toFlow(props.topology, props.selectedId), [props.topology, props.selectedId]);
  return (
    <div style={{ height: "max(560px, 78vh)", border: "1px solid #e0e0e0", borderRadius: 6 }} role="figure" aria-label="Lab topology">
      <ReactFlow<FlowNode, FlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        fitView
        fitViewOptions={{ padding: 0.08 }}
        minZoom={0.2}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable
        proOptions={{ hideAttribution: true }}
        onNodeClick={(_e, n) => n.type === "lab" && props.onSelect({ kind: "node", node: n.data.node })}
        onEdgeClick={(_e, e) => e.data && props.onSelect({ kind: "edge", edge: e.data.edge })}
      >
        <Background gap={24} size={1} />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
