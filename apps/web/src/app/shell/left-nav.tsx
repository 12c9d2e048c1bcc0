// The left navigation: a list of links (the lab shows it as a Server Manager console tree).
import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { NavLink } from "react-router";
import { usePortal } from "@/shared/portal/portal-context";
import { LOOKS } from "@/app/shell/portal-look";
import type { NavSection } from "@/app/shell/nav-config";

const useStyles = makeStyles({
  nav: {
    width: "240px",
    flex: "0 0 240px",
    overflowY: "auto",
    borderRight: `1px solid ${tokens.colorNeutralStroke2}`,
    background: tokens.colorNeutralBackground2,
    padding: "8px 0",
  },
  tree: { background: tokens.colorNeutralBackground3, fontSize: tokens.fontSizeBase200 },
  heading: {
    margin: "12px 16px 4px",
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground3,
  },
  list: { listStyle: "none", margin: 0, padding: 0 },
  link: {
    display: "block",
    padding: "7px 16px",
    color: tokens.colorNeutralForeground1,
    textDecoration: "none",
    borderLeft: "3px solid transparent",
    ":hover": { background: tokens.colorNeutralBackground1Hover },
    ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: "-2px" },
  },
  treeLink: { padding: "4px 16px 4px 28px" },
  active: { background: tokens.colorNeutralBackground1Selected, fontWeight: tokens.fontWeightSemibold },
  empty: { padding: "8px 16px", color: tokens.colorNeutralForeground3 },
});

export function LeftNav(props: { sections: NavSection[]; filter: string }) {
  const s = useStyles();
  const portal = usePortal();
  const look = LOOKS[portal.id];
  const text = props.filter.trim().toLowerCase();
  const sections = props.sections
    .map((sec) => ({ ...sec, items: sec.items.filter((i) => !text || i.label.toLowerCase().includes(text)) }))
    .filter((sec) => sec.items.length > 0);
  return (
    <nav aria-label={`${portal.productName} navigation`} className={mergeClasses(s.nav, look.consoleTree && s.tree)}>
      {sections.length === 0 && <p className={s.empty}>No results for “{props.filter}”</p>}
      {sections.map((sec, i) => (
        <div key={sec.heading ?? i}>
          {sec.heading && <h2 className={s.heading}>{sec.heading}</h2>}
          <ul className={s.list}>
            {sec.items.map((item) => (
              <li key={item.to}>
                <NavLink
                  to={item.to}
                  end={item.to === portal.basePath || item.external}
                  className={({ isActive }) =>
                    mergeClasses(s.link, look.consoleTree && s.treeLink, isActive && !item.external && s.active)
                  }
                  style={({ isActive }) => (isActive && !item.external ? { borderLeftColor: look.accent } : undefined)}
                >
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </nav>
  );
}
