// A finding in a narrow place (the guide panel, a topology detail pane, a request flow hop): severity, title,
// code, what was found and the fix, with a link to Health filtered on the rule for the full story.
import { makeStyles, Text, tokens } from "@fluentui/react-components";
import type { Finding } from "@/shared/api/types";
import { AppLink } from "@/shared/components/app-link";
import { HEALTH_LOOK } from "@/shared/lib/health";
import { paths } from "@/shared/paths";

const useStyles = makeStyles({
  list: { listStyle: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: "8px" },
  item: { display: "flex", flexDirection: "column", gap: "2px", paddingLeft: "8px", borderLeft: "3px solid" },
  head: { display: "flex", gap: "6px", alignItems: "baseline", flexWrap: "wrap" },
  code: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase100, color: tokens.colorNeutralForeground3 },
  small: { fontSize: tokens.fontSizeBase200 },
});

export function FindingSummaryList(props: { findings: readonly Finding[]; label: string; empty?: string }) {
  const s = useStyles();
  if (props.findings.length === 0) return props.empty ? <Text className={s.small}>{props.empty}</Text> : null;
  return (
    <ul className={s.list} aria-label={props.label}>
      {props.findings.map((f, i) => (
        <li key={`${f.code}-${i}`} className={s.item} style={{ borderLeftColor: HEALTH_LOOK[f.severity].colour }}>
          <div className={s.head}>
            <Text weight="semibold" className={s.small} style={{ color: HEALTH_LOOK[f.severity].colour }}>
              {HEALTH_LOOK[f.severity].label}
            </Text>
            <Text weight="semibold" className={s.small}>
              {f.title}
            </Text>
            <span className={s.code}>{f.code}</span>
          </div>
          <Text className={s.small}>{f.message}</Text>
          <Text className={s.small}>
            <strong>Fix:</strong> {f.fix}
          </Text>
          <AppLink to={`${paths.health}?q=${encodeURIComponent(f.code)}`}>Open in Health</AppLink>
        </li>
      ))}
    </ul>
  );
}
