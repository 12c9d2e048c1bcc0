// Findings grouped by severity (Errors, Warnings, Info), each with its count; a finding shows what is wrong,
// why, the fix, the symptom an admin would see, its sources, and links to the objects involved.
import { Card, makeStyles, Text, tokens } from "@fluentui/react-components";
import type { Finding, Severity } from "@/shared/api/types";
import { AppLink } from "@/shared/components/app-link";
import { objectRoute } from "@/features/certlab/health/components/object-route";
import { SEVERITIES, SEVERITY_ICON, SEVERITY_PLURAL } from "@/features/certlab/health/components/severity";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: "8px", marginBottom: "16px" },
  heading: { display: "flex", alignItems: "center", gap: "8px", margin: 0, fontSize: tokens.fontSizeBase400 },
  card: { display: "flex", flexDirection: "column", gap: "6px" },
  head: { display: "flex", alignItems: "baseline", gap: "8px", flexWrap: "wrap" },
  code: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3 },
  dl: { display: "grid", gridTemplateColumns: "90px 1fr", gap: "4px 12px", margin: 0 },
  dt: { color: tokens.colorNeutralForeground3 },
  dd: { margin: 0 },
  objects: { display: "flex", flexWrap: "wrap", gap: "4px 12px", listStyle: "none", margin: 0, padding: 0 },
});

export function groupBySeverity(findings: readonly Finding[]): Record<Severity, Finding[]> {
  const groups: Record<Severity, Finding[]> = { error: [], warning: [], info: [] };
  for (const f of findings) (groups[f.severity] ?? groups.info).push(f);
  return groups;
}

/** The text filter: code, title, message, fix, symptom or an object's name. */
export function matches(f: Finding, text: string): boolean {
  if (!text) return true;
  const t = text.toLowerCase();
  return [f.code, f.title, f.message, f.fix, f.symptom, ...f.objects.map((o) => o.displayName)].some((v) =>
    (v ?? "").toLowerCase().includes(t),
  );
}

function FindingCard(props: { finding: Finding }) {
  const s = useStyles();
  const f = props.finding;
  return (
    <Card className={s.card} role="article" aria-label={f.title}>
      <div className={s.head}>
        {SEVERITY_ICON[f.severity]}
        <Text weight="semibold">{f.title}</Text>
        <span className={s.code}>{f.code}</span>
      </div>
      <Text>{f.message}</Text>
      <dl className={s.dl}>
        <dt className={s.dt}>Fix</dt>
        <dd className={s.dd}>{f.fix}</dd>
        {f.why && (
          <>
            <dt className={s.dt}>Why</dt>
            <dd className={s.dd}>{f.why}</dd>
          </>
        )}
        {f.symptom && (
          <>
            <dt className={s.dt}>Symptom</dt>
            <dd className={s.dd}>{f.symptom}</dd>
          </>
        )}
        {f.sources.length > 0 && (
          <>
            <dt className={s.dt}>Sources</dt>
            <dd className={s.dd}>{f.sources.join(", ")}</dd>
          </>
        )}
        {f.objects.length > 0 && (
          <>
            <dt className={s.dt}>Objects</dt>
            <dd className={s.dd}>
              <ul className={s.objects}>
                {f.objects.map((o) => {
                  const to = objectRoute(o);
                  const label = `${o.displayName || o.id} (${o.type})`;
                  return <li key={`${o.type}:${o.id}`}>{to ? <AppLink to={to}>{label}</AppLink> : label}</li>;
                })}
              </ul>
            </dd>
          </>
        )}
      </dl>
    </Card>
  );
}

export function FindingsList(props: { findings: readonly Finding[] }) {
  const s = useStyles();
  const groups = groupBySeverity(props.findings);
  return (
    <>
      {SEVERITIES.filter((sev) => groups[sev].length > 0).map((sev) => (
        <section key={sev} className={s.section} aria-labelledby={`sev-${sev}`}>
          <h2 id={`sev-${sev}`} className={s.heading}>
            {SEVERITY_ICON[sev]} {SEVERITY_PLURAL[sev]} ({groups[sev].length})
          </h2>
          {groups[sev].map((f, i) => (
            <FindingCard key={`${f.code}-${i}`} finding={f} />
          ))}
        </section>
      ))}
      {props.findings.length === 0 && <Text>No findings match.</Text>}
    </>
  );
}
