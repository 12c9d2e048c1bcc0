// Seed 004's SCEP request flow (004_0623edc70b4e3354.txt, "request flow" a–f: device → application proxy →
// NDES/IIS → policy module → connector ↔ Intune → CA → device) as a row of hops, each marked with its health and
// the findings that break it. Plain React and CSS: the graph library stays on the topology page only.
import { Button, makeStyles, mergeClasses, Text, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { useRequestFlow, type RequestFlow, type RequestFlowHopState } from "@/shared/api/request-flow";
import { ErrorMessage, Loading } from "@/shared/components/query-state";
import { FindingSummaryList } from "@/shared/components/finding-summary";
import { HEALTH_LOOK } from "@/shared/lib/health";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: "8px" },
  row: { listStyle: "none", margin: 0, padding: 0, display: "flex", flexWrap: "wrap", gap: "0", alignItems: "stretch" },
  hop: { display: "flex", alignItems: "stretch" },
  card: {
    display: "flex",
    flexDirection: "column",
    alignItems: "flex-start",
    gap: "2px",
    width: "150px",
    minHeight: "96px",
    padding: "8px",
    border: "2px solid",
    borderRadius: tokens.borderRadiusMedium,
    textAlign: "left",
    cursor: "pointer",
    font: "inherit",
    color: tokens.colorNeutralForeground1,
    ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: "2px" },
  },
  selected: { boxShadow: tokens.shadow8 },
  letter: { fontFamily: tokens.fontFamilyMonospace, fontWeight: tokens.fontWeightBold },
  small: { fontSize: tokens.fontSizeBase200 },
  route: { fontSize: tokens.fontSizeBase100, color: tokens.colorNeutralForeground3 },
  arrow: { alignSelf: "center", padding: "0 4px", color: tokens.colorNeutralForeground3, fontSize: "18px" },
  detail: { display: "flex", flexDirection: "column", gap: "6px", padding: "8px 12px", borderLeft: "3px solid" },
});

function healthText(hop: RequestFlowHopState): string {
  const n = hop.findings.length;
  if (hop.health === "ok") return "OK";
  return `${HEALTH_LOOK[hop.health].label}: ${n} finding${n === 1 ? "" : "s"}`;
}

export function RequestFlowDiagram(props: { flow: RequestFlow; title?: string }) {
  const s = useStyles();
  const hops = props.flow.hops;
  // The first broken hop is where a real enrollment stops (seed 004): open it by default.
  const firstBroken = hops.find((h) => h.health === "error" || h.health === "warning")?.id ?? null;
  const [selected, setSelected] = useState<string | null>(null);
  const open = hops.find((h) => h.id === (selected ?? firstBroken));
  return (
    <section className={s.root} aria-label={props.title ?? "SCEP request flow"}>
      <ol className={s.row} aria-label="Hops of the SCEP request flow">
        {hops.map((hop, i) => {
          const look = HEALTH_LOOK[hop.health];
          return (
            <li key={hop.id} className={s.hop} data-health={hop.health}>
              {i > 0 && (
                <span className={s.arrow} aria-hidden>
                  →
                </span>
              )}
              <button
                type="button"
                className={mergeClasses(s.card, open?.id === hop.id && s.selected)}
                style={{ borderColor: look.colour, background: look.fill }}
                aria-pressed={open?.id === hop.id}
                aria-label={`${hop.id}) ${hop.title}: ${healthText(hop)}`}
                onClick={() => setSelected(hop.id)}
              >
                <span>
                  <span className={s.letter}>{hop.id})</span> <Text weight="semibold" className={s.small}>{hop.title}</Text>
                </span>
                <span className={s.route}>
                  {hop.from} → {hop.to}
                </span>
                <Text className={s.small} weight="semibold" style={{ color: look.colour }}>
                  {healthText(hop)}
                </Text>
              </button>
            </li>
          );
        })}
      </ol>
      {open && (
        <div className={s.detail} style={{ borderLeftColor: HEALTH_LOOK[open.health].colour }} role="region" aria-label={`Hop ${open.id}) ${open.title}`}>
          <Text weight="semibold">
            {open.id}) {open.title}
          </Text>
          <Text className={s.small}>{open.description}</Text>
          <Text className={s.route}>{open.source}</Text>
          <FindingSummaryList
            findings={open.findings}
            label={`Findings that break hop ${open.id}`}
            empty="Nothing breaks this hop in this tenant."
          />
          {selected && (
            <Button size="small" appearance="subtle" onClick={() => setSelected(null)} style={{ alignSelf: "flex-start" }}>
              Show the first broken hop
            </Button>
          )}
        </div>
      )}
    </section>
  );
}

/** The diagram for the signed-in tenant, with its heading (Health and the guides show it). */
export function TenantRequestFlow() {
  const flow = useRequestFlow();
  return (
    <div>
      <h2 style={{ fontSize: tokens.fontSizeBase400, margin: "8px 0" }}>How a certificate request travels (seed 004)</h2>
      {flow.isPending && <Loading label="Reading the request flow…" />}
      {flow.error && <ErrorMessage error={flow.error} />}
      {flow.data && <RequestFlowDiagram flow={flow.data} />}
    </div>
  );
}
