// Issue 14: attack paths a working setup opens (findings of category "security"), shown apart from enrollment
// failures. Each path is the finding's own words (Finding.attackPath, data from packages/domain), one step each.
import { Badge, Card, makeStyles, Text, tokens } from "@fluentui/react-components";
import { ShieldError20Regular } from "@fluentui/react-icons";
import type { Finding } from "@/shared/api/types";
import { AppLink } from "@/shared/components/app-link";
import { objectRoute } from "@/features/certlab/health/components/object-route";
import { SEVERITY_ICON } from "@/features/certlab/health/components/severity";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: "8px", marginBottom: "16px" },
  heading: { display: "flex", alignItems: "center", gap: "8px", margin: 0, fontSize: tokens.fontSizeBase400 },
  card: { display: "flex", flexDirection: "column", gap: "6px", borderLeft: `4px solid ${tokens.colorPaletteRedBorder2}` },
  head: { display: "flex", alignItems: "baseline", gap: "8px", flexWrap: "wrap" },
  code: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3 },
  path: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: "4px", listStyle: "none", margin: 0, padding: 0 },
  arrow: { color: tokens.colorNeutralForeground3 },
  dl: { display: "grid", gridTemplateColumns: "90px 1fr", gap: "4px 12px", margin: 0 },
  dt: { color: tokens.colorNeutralForeground3 },
  dd: { margin: 0 },
});

export const isSecurityFinding = (f: Finding): boolean => f.category === "security";

/** "Domain Users → Enroll on 'Intune SCEP' → supply subject → Client Authentication → logon as anyone". */
export const attackPathText = (f: Finding): string => (f.attackPath ?? []).join(" → ");

function AttackPathCard(props: { finding: Finding }) {
  const s = useStyles();
  const f = props.finding;
  const steps = f.attackPath ?? [];
  return (
    <Card className={s.card} role="article" aria-label={`Attack path: ${f.title}`}>
      <div className={s.head}>
        {SEVERITY_ICON[f.severity]}
        <Text weight="semibold">{f.title}</Text>
        <span className={s.code}>{f.code}</span>
      </div>
      {steps.length > 0 && (
        <ol className={s.path} aria-label={`Path: ${attackPathText(f)}`}>
          {steps.map((step, i) => (
            <li key={i}>
              {i > 0 && <span className={s.arrow} aria-hidden>{"→ "}</span>}
              <Badge appearance="tint" color={i === steps.length - 1 ? "danger" : "informative"}>
                {step}
              </Badge>
            </li>
          ))}
        </ol>
      )}
      <Text>{f.message}</Text>
      <dl className={s.dl}>
        <dt className={s.dt}>Fix</dt>
        <dd className={s.dd}>{f.fix}</dd>
        <dt className={s.dt}>Why</dt>
        <dd className={s.dd}>{f.why}</dd>
        {f.objects.length > 0 && (
          <>
            <dt className={s.dt}>Objects</dt>
            <dd className={s.dd}>
              {f.objects.map((o, i) => {
                const to = objectRoute(o);
                const label = o.displayName || o.id;
                return (
                  <span key={`${o.type}:${o.id}`}>
                    {i > 0 && ", "}
                    {to ? <AppLink to={to}>{label}</AppLink> : label}
                  </span>
                );
              })}
            </dd>
          </>
        )}
      </dl>
    </Card>
  );
}

/** The security findings as attack paths; nothing when there are none. */
export function AttackPaths(props: { findings: readonly Finding[] }) {
  const s = useStyles();
  const security = props.findings.filter(isSecurityFinding);
  const open = security.filter((f) => f.severity !== "info").length;
  if (!security.length) return null;
  return (
    <section className={s.section} aria-labelledby="attack-paths">
      <h2 id="attack-paths" className={s.heading}>
        <ShieldError20Regular aria-hidden /> Attack paths ({open})
      </h2>
      <Text size={200}>Enrollment works, but these let someone act as someone else (AD CS ESC conditions). Each fix keeps SCEP working.</Text>
      {security.map((f, i) => (
        <AttackPathCard key={`${f.code}-${i}`} finding={f} />
      ))}
    </section>
  );
}
