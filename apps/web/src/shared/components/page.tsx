// A blade: title, optional subtitle and command bar, then content. Sets the document title.
import type { ReactNode } from "react";
import { makeStyles, Text, tokens } from "@fluentui/react-components";
import { usePageTitle } from "@/shared/portal/page-title";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: "12px", padding: "16px 24px 32px", minWidth: 0 },
  head: { display: "flex", flexDirection: "column", gap: "2px" },
  title: { margin: 0, fontSize: tokens.fontSizeBase600, lineHeight: tokens.lineHeightBase600, fontWeight: tokens.fontWeightSemibold },
  subtitle: { color: tokens.colorNeutralForeground3 },
  commands: {
    display: "flex",
    flexWrap: "wrap",
    gap: "4px",
    alignItems: "center",
    paddingBottom: "8px",
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
});

export function Page(props: { title: string; subtitle?: string; commands?: ReactNode; children: ReactNode }) {
  const s = useStyles();
  usePageTitle(props.title);
  return (
    <div className={s.root}>
      <div className={s.head}>
        <h1 className={s.title}>{props.title}</h1>
        {props.subtitle && <Text className={s.subtitle}>{props.subtitle}</Text>}
      </div>
      {props.commands && (
        <div className={s.commands} role="toolbar" aria-label="Commands">
          {props.commands}
        </div>
      )}
      {props.children}
    </div>
  );
}
