// The pane beside the picture: the clicked node or edge, its health, the findings that colour it, and a link to
// the object's screen (for an edge: both ends).
import { makeStyles, Text, tokens } from "@fluentui/react-components";
import type { Topology, TopologyEdge, TopologyNode } from "@/features/lab/topology/api/get-topology";
import { healthSummary, nodeName } from "@/features/lab/topology/lib/flow";
import { AppLink } from "@/shared/components/app-link";
import { FindingSummaryList } from "@/shared/components/finding-summary";
import { HEALTH_LOOK } from "@/shared/lib/health";

const useStyles = makeStyles({
  pane: { display: "flex", flexDirection: "column", gap: "8px", padding: "12px", borderLeft: "4px solid", background: tokens.colorNeutralBackground2, borderRadius: tokens.borderRadiusMedium },
  h: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  small: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3 },
});

export type Selection = { kind: "node"; node: TopologyNode } | { kind: "edge"; edge: TopologyEdge };

export function DetailsPane(props: { topology: Topology; selection: Selection | null }) {
  const s = useStyles();
  const sel = props.selection;
  if (!sel) {
    return (
      <div className={s.pane} style={{ borderLeftColor: tokens.colorNeutralStroke1 }} role="region" aria-label="Selection">
        <Text>Select a node or a connection to see its findings and open the object.</Text>
      </div>
    );
  }
  const item = sel.kind === "node" ? sel.node : sel.edge;
  const ends = sel.kind === "edge" ? [sel.edge.source, sel.edge.target].map((id) => props.topology.nodes.find((n) => n.id === id)) : [];
  const title =
    sel.kind === "node" ? sel.node.label : `${nodeName(props.topology, sel.edge.source)} → ${nodeName(props.topology, sel.edge.target)}`;
  return (
    <div className={s.pane} style={{ borderLeftColor: HEALTH_LOOK[item.health].colour }} role="region" aria-label={`Selection: ${title}`}>
      <h2 className={s.h}>{title}</h2>
      {sel.kind === "node" ? sel.node.detail && <Text className={s.small}>{sel.node.detail}</Text> : <Text className={s.small}>{sel.edge.label}</Text>}
      <Text weight="semibold" style={{ color: HEALTH_LOOK[item.health].colour }}>
        {healthSummary(item.health, item.findings.length)}
      </Text>
      {sel.kind === "node" && sel.node.link && <AppLink to={sel.node.link}>Open {sel.node.label}</AppLink>}
      {ends.map((n) => n?.link && <AppLink key={n.id} to={n.link}>Open {n.label}</AppLink>)}
      <FindingSummaryList findings={item.findings} label={`Findings of ${title}`} empty="No findings: nothing the rules check is wrong here." />
    </div>
  );
}
