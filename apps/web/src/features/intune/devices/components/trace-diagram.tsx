// The last enrollment of a device for one profile, hop by hop (rules-reference part B; the same flow as seed 004's
// picture, 004_0623edc70b4e3354.txt "request flow" a–f, drawn like shared/components/request-flow-diagram): a row of
// hops coloured by outcome, the failing hop open by default with its symptom (HTTP status and body, the NDES or
// connector event id and text, the CA's failed-request entry) and the finding codes that caused it, linked to Health.
import { useState } from "react";
import { Button, makeStyles, mergeClasses, Text, tokens } from "@fluentui/react-components";
import { AppLink } from "@/shared/components/app-link";
import { PropertyList } from "@/shared/components/property-list";
import { paths } from "@/shared/paths";
import type { EnrollmentTrace, TraceHop } from "@/features/intune/devices/api/devices";
import { HOP_LOOK, STATUS_LOOK } from "@/features/intune/devices/lib/labels";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: "8px" },
  row: { listStyle: "none", margin: 0, padding: 0, display: "flex", flexWrap: "wrap", rowGap: "8px", alignItems: "stretch" },
  hop: { display: "flex", alignItems: "stretch" },
  card: {
    display: "flex",
    flexDirection: "column",
    alignItems: "flex-start",
    gap: "2px",
    width: "140px",
    minHeight: "76px",
    padding: "8px",
    border: "2px solid",
    borderRadius: tokens.borderRadiusMedium,
    textAlign: "left",
    overflowWrap: "anywhere",
    cursor: "pointer",
    font: "inherit",
    color: tokens.colorNeutralForeground1,
    ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: "2px" },
  },
  selected: { boxShadow: tokens.shadow8 },
  num: { fontFamily: tokens.fontFamilyMonospace, fontWeight: tokens.fontWeightBold },
  route: { fontSize: tokens.fontSizeBase100, color: tokens.colorNeutralForeground3 },
  small: { fontSize: tokens.fontSizeBase200 },
  arrow: { alignSelf: "center", padding: "0 4px", color: tokens.colorNeutralForeground3, fontSize: "18px" },
  detail: { display: "flex", flexDirection: "column", gap: "6px", padding: "8px 12px", borderLeft: "3px solid" },
  pre: {
    margin: 0,
    padding: "8px",
    maxHeight: "200px",
    overflow: "auto",
    whiteSpace: "pre-wrap",
    wordBreak: "break-all",
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    background: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusMedium,
  },
  codes: { display: "flex", flexWrap: "wrap", gap: "8px", margin: 0, padding: 0, listStyle: "none" },
  summary: { display: "flex", gap: "8px", alignItems: "baseline", flexWrap: "wrap" },
});

function caText(ca: NonNullable<EnrollmentTrace["ca"]>): string {
  const parts = [ca.disposition === "issued" ? "Issued Certificates" : "Failed Requests"];
  if (ca.requestId !== undefined) parts.push(`Request ID ${ca.requestId}`);
  if (ca.template) parts.push(`template ${ca.template}`);
  if (ca.serialNumber) parts.push(`serial number ${ca.serialNumber}`);
  return parts.join(", ");
}

function HopDetail(props: { hop: TraceHop; ca?: EnrollmentTrace["ca"] }) {
  const s = useStyles();
  const { hop } = props;
  const look = HOP_LOOK[hop.outcome];
  const sym = hop.symptom;
  return (
    <div className={s.detail} style={{ borderLeftColor: look.colour }} role="region" aria-label={`Hop ${hop.title}`}>
      <Text weight="semibold">
        {hop.title}: <span style={{ color: look.colour }}>{look.label}</span>
      </Text>
      <Text className={s.small}>{hop.detail}</Text>
      {(hop.flowHop || hop.partB) && (
        <Text className={s.route}>
          {[hop.flowHop ? `Seed 004 request flow hop ${hop.flowHop})` : "", hop.partB ? `rules-reference part B hop ${hop.partB}` : ""].filter(Boolean).join(" · ")}
        </Text>
      )}
      {hop.id === "ca" && props.ca && <Text className={s.small}>{`Certification Authority › ${caText(props.ca)}`}</Text>}
      {sym && (
        <section aria-label="Symptom" className={s.root}>
          <Text weight="semibold" className={s.small}>
            What the device and the servers show
          </Text>
          <PropertyList
            items={[
              ...(sym.httpStatus !== undefined ? ([["HTTP status", String(sym.httpStatus)]] as [string, string][]) : []),
              ...(sym.eventId !== undefined ? ([["Event", `${sym.eventSource ? `${sym.eventSource} ` : ""}event ${sym.eventId}`]] as [string, string][]) : []),
              ["Message", sym.text],
            ]}
          />
          {sym.body && (
            <pre className={s.pre} aria-label="Response body">
              {sym.body}
            </pre>
          )}
        </section>
      )}
      {hop.codes.length > 0 && (
        <div>
          <Text className={s.small} weight="semibold">
            Caused by
          </Text>
          <ul className={s.codes} aria-label={`Findings behind ${hop.title}`}>
            {hop.codes.map((code) => (
              <li key={code}>
                <AppLink to={`${paths.health}?q=${encodeURIComponent(code)}`} aria-label={`${code} in Health`}>
                  {code}
                </AppLink>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

export function TraceDiagram(props: { trace: EnrollmentTrace; label: string }) {
  const s = useStyles();
  const { trace } = props;
  const hops = trace.hops;
  const failed = trace.failedHop ?? hops.find((h) => h.outcome === "failed")?.id ?? null;
  const [selected, setSelected] = useState<string | null>(null);
  const open = hops.find((h) => h.id === (selected ?? failed));
  const status = STATUS_LOOK[trace.intuneStatus] ?? STATUS_LOOK.Pending;
  return (
    <section className={s.root} aria-label={props.label}>
      <div className={s.summary}>
        <Text weight="semibold" style={{ color: status.colour }}>
          {trace.intuneStatus}
        </Text>
        <Text className={s.small}>{trace.statusText}</Text>
      </div>
      <ol className={s.row} aria-label="Hops of the enrollment">
        {hops.map((hop, i) => {
          const look = HOP_LOOK[hop.outcome];
          return (
            <li key={hop.id} className={s.hop} data-outcome={hop.outcome}>
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
                aria-label={`${i + 1}. ${hop.title}: ${look.label}`}
                onClick={() => setSelected(hop.id)}
              >
                <span>
                  <span className={s.num}>{i + 1}.</span>{" "}
                  <Text weight="semibold" className={s.small}>
                    {hop.title}
                  </Text>
                </span>
                {hop.flowHop && <span className={s.route}>{`seed 004 hop ${hop.flowHop})`}</span>}
                <Text className={s.small} weight="semibold" style={{ color: look.colour }}>
                  {look.label}
                </Text>
              </button>
            </li>
          );
        })}
      </ol>
      {open && <HopDetail hop={open} {...(trace.ca ? { ca: trace.ca } : {})} />}
      {selected && failed && selected !== failed && (
        <Button size="small" appearance="subtle" onClick={() => setSelected(null)} style={{ alignSelf: "flex-start" }}>
          Show the failing hop
        </Button>
      )}
      {trace.request && (
        <details>
          <summary>The request the device built</summary>
          <PropertyList
            items={[
              ["Subject", trace.request.subject || "—"],
              ["Subject alternative names", trace.request.subjectAlternativeNames.length ? trace.request.subjectAlternativeNames.map((n) => `${n.type}: ${n.value}`).join("; ") : "None"],
              ["Key usage", trace.request.keyUsage.join(", ") || "—"],
              ["Key size", String(trace.request.keySize)],
              ["Extended key usages", trace.request.ekus.length ? trace.request.ekus.join(", ") : "None"],
              ...(trace.scepServerUrl ? ([["SCEP server URL", trace.scepServerUrl]] as [string, string][]) : []),
              ...(trace.requestUrlLength ? ([["PKIOperation request line", `${trace.requestUrlLength} bytes`]] as [string, string][]) : []),
            ]}
          />
        </details>
      )}
    </section>
  );
}
