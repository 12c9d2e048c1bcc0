// The lab topology (issue 8): servers, the CA hierarchy, NDES, connectors, the reverse proxy / application proxy,
// Intune and Entra with the network edges (ports, URLs) between them, every node and edge coloured by its findings.
// Click one for its findings and a link to the object. Below the picture the same connections as a table, for
// keyboards and screen readers. This route's chunk is the only one that loads @xyflow/react and dagre.
import { useState } from "react";
import { Button, makeStyles, Text, tokens } from "@fluentui/react-components";
import { ArrowClockwise20Regular } from "@fluentui/react-icons";
import { useTopology, type Topology } from "@/features/lab/topology/api/get-topology";
import { DetailsPane, type Selection } from "@/features/lab/topology/components/details-pane";
import { TopologyGraph } from "@/features/lab/topology/components/topology-graph";
import { healthSummary, nodeName } from "@/features/lab/topology/lib/flow";
import { Page } from "@/shared/components/page";
import { ErrorMessage, Loading } from "@/shared/components/query-state";
import { HEALTH_LOOK, HEALTH_ORDER } from "@/shared/lib/health";
import { AppLink } from "@/shared/components/app-link";
import { paths } from "@/shared/paths";

const useStyles = makeStyles({
  layout: { display: "grid", gridTemplateColumns: "minmax(0, 1fr) 320px", gap: "12px", alignItems: "start" },
  legend: { display: "flex", gap: "16px", flexWrap: "wrap", listStyle: "none", margin: 0, padding: 0, fontSize: tokens.fontSizeBase200 },
  swatch: { display: "inline-block", width: "22px", height: "0", borderTop: "3px solid", verticalAlign: "middle", marginRight: "6px" },
  table: { borderCollapse: "collapse", width: "100%", fontSize: tokens.fontSizeBase200 },
  cell: { textAlign: "left", padding: "4px 8px", borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  linkButton: { padding: 0, minWidth: 0, height: "auto" },
});

function Connections(props: { topology: Topology; onSelect: (s: Selection) => void }) {
  const s = useStyles();
  const t = props.topology;
  return (
    <table className={s.table} aria-label="Connections">
      <thead>
        <tr>
          <th className={s.cell}>From</th>
          <th className={s.cell}>To</th>
          <th className={s.cell}>What travels</th>
          <th className={s.cell}>Health</th>
        </tr>
      </thead>
      <tbody>
        {t.edges.map((e) => (
          <tr key={e.id} data-health={e.health}>
            <td className={s.cell}>{nodeName(t, e.source)}</td>
            <td className={s.cell}>{nodeName(t, e.target)}</td>
            <td className={s.cell}>{e.label}</td>
            <td className={s.cell}>
              <Button appearance="transparent" size="small" className={s.linkButton} style={{ color: HEALTH_LOOK[e.health].colour }} onClick={() => props.onSelect({ kind: "edge", edge: e })}>
                {healthSummary(e.health, e.findings.length)}
              </Button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default function TopologyRoute() {
  const s = useStyles();
  const topology = useTopology();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const t = topology.data;
  // Keep the selection on the fresh data after a refetch (the findings may have changed).
  const selection: Selection | null = !t || !selectedId
    ? null
    : (() => {
        const node = t.nodes.find((n) => n.id === selectedId);
        if (node) return { kind: "node", node };
        const edge = t.edges.find((e) => e.id === selectedId);
        return edge ? { kind: "edge", edge } : null;
      })();
  const select = (sel: Selection) => setSelectedId(sel.kind === "node" ? sel.node.id : sel.edge.id);
  return (
    <Page
      title="Lab topology"
      subtitle="The lab, Intune and Entra as a network, coloured by the rules' findings"
      commands={
        <>
          <Button appearance="subtle" icon={<ArrowClockwise20Regular />} onClick={() => void topology.refetch()}>
            Refresh
          </Button>
        </>
      }
    >
      <ul className={s.legend} aria-label="Legend">
        {HEALTH_ORDER.map((h) => (
          <li key={h}>
            <span className={s.swatch} style={{ borderTopColor: HEALTH_LOOK[h].colour, borderTopStyle: h === "warning" ? "dashed" : "solid" }} aria-hidden />
            {HEALTH_LOOK[h].label}
          </li>
        ))}
        <li>
          Findings in full: <AppLink to={paths.health}>Certlab Health</AppLink>
        </li>
      </ul>
      {topology.isPending && <Loading label="Drawing the lab…" />}
      {topology.error && <ErrorMessage error={topology.error} />}
      {t && t.nodes.length === 0 && <Text>The lab is empty: load a scenario from the home page or the lab console.</Text>}
      {t && t.nodes.length > 0 && (
        <>
          <div className={s.layout}>
            <TopologyGraph topology={t} selectedId={selectedId} onSelect={select} />
            <DetailsPane topology={t} selection={selection} />
          </div>
          <Connections topology={t} onSelect={select} />
        </>
      )}
    </Page>
  );
}
