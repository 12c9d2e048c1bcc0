// Label/value pairs as on an Overview blade's "Basic information" card.
import type { ReactNode } from "react";
import { makeStyles, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({
  list: { display: "grid", gridTemplateColumns: "minmax(160px, max-content) 1fr", columnGap: "24px", rowGap: "8px", margin: 0 },
  term: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0, wordBreak: "break-word" },
});

export function PropertyList(props: { items: [label: string, value: ReactNode][] }) {
  const s = useStyles();
  return (
    <dl className={s.list}>
      {props.items.map(([label, value]) => (
        <div key={label} style={{ display: "contents" }}>
          <dt className={s.term}>{label}</dt>
          <dd className={s.value}>{value ?? "—"}</dd>
        </div>
      ))}
    </dl>
  );
}
