// The wizard's live findings: what the draft would trigger, as the admin types (the same Intune rules the Health
// page runs, evaluated by the API on the draft). Errors and warnings are the problems; info findings are notes.
import { Badge, makeStyles, Spinner, Text, tokens } from "@fluentui/react-components";
import { DismissCircle20Filled, Info20Filled, Warning20Filled } from "@fluentui/react-icons";
import type { Finding, Severity } from "@/shared/api/types";
import { ErrorMessage } from "@/shared/components/query-state";
import type { DraftEvaluation } from "@/features/intune/configuration/api/profiles";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: "8px",
    padding: "12px",
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  head: { display: "flex", alignItems: "center", gap: "8px" },
  list: { listStyle: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: "8px" },
  item: { display: "grid", gridTemplateColumns: "20px 1fr", columnGap: "8px" },
  code: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  muted: { color: tokens.colorNeutralForeground3 },
});

const ICON: Record<Severity, React.ReactElement> = {
  error: <DismissCircle20Filled color={tokens.colorPaletteRedForeground1} aria-hidden />,
  warning: <Warning20Filled color={tokens.colorPaletteDarkOrangeForeground1} aria-hidden />,
  info: <Info20Filled color={tokens.colorBrandForeground1} aria-hidden />,
};
const LABEL: Record<Severity, string> = { error: "Error", warning: "Warning", info: "Info" };

export function summaryText(findings: readonly Finding[]): string {
  const n = (s: Severity) => findings.filter((f) => f.severity === s).length;
  const errors = n("error");
  const warnings = n("warning");
  const info = n("info");
  if (errors + warnings === 0) return info ? `No problems found (${info} informational)` : "No problems found";
  return `${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}${info ? `, ${info} informational` : ""}`;
}

export function FindingsPanel(props: { evaluation: DraftEvaluation | undefined; error?: unknown; busy?: boolean }) {
  const s = useStyles();
  const findings = props.evaluation?.value ?? [];
  const order: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
  const sorted = [...findings].sort((a, b) => order[a.severity] - order[b.severity]);
  return (
    <section className={s.root} aria-label="Findings for this profile">
      <div className={s.head}>
        <Text weight="semibold">Findings for this profile</Text>
        {props.busy && <Spinner size="extra-tiny" aria-label="Checking" />}
      </div>
      {props.error ? <ErrorMessage error={props.error} title="Couldn't check this draft" /> : null}
      {props.evaluation && (
        <Text role="status" aria-live="polite" data-testid="findings-summary">
          {summaryText(findings)}
        </Text>
      )}
      {!props.evaluation && !props.error && <Text className={s.muted}>Checking the draft…</Text>}
      {sorted.length > 0 && (
        <ul className={s.list} aria-label="Findings">
          {sorted.map((f, i) => (
            <li key={`${f.code}-${i}`} className={s.item} data-severity={f.severity}>
              {ICON[f.severity]}
              <div>
                <Text weight="semibold">{f.title}</Text>{" "}
                <Badge appearance="tint" color={f.severity === "error" ? "danger" : f.severity === "warning" ? "warning" : "informative"}>
                  {LABEL[f.severity]}
                </Badge>{" "}
                <span className={s.code}>{f.code}</span>
                <div>
                  <Text size={200}>{f.message}</Text>
                </div>
                <div>
                  <Text size={200} className={s.muted}>
                    Fix: {f.fix}
                  </Text>
                </div>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
