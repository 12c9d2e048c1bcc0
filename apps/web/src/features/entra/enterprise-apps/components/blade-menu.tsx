// The Enterprise applications blade's own menu (All applications, Application proxy), and an application's menu
// (Overview, Properties, Users and groups, Application proxy, Audit logs), as the Entra admin center shows them.
import type { ReactNode } from "react";
import { makeStyles, tokens } from "@fluentui/react-components";
import { NavLink } from "react-router";
import { paths } from "@/shared/paths";

const useStyles = makeStyles({
  layout: { display: "flex", gap: "0", minWidth: 0, alignItems: "flex-start" },
  nav: {
    display: "flex",
    flexDirection: "column",
    minWidth: "190px",
    padding: "16px 0",
    borderRight: `1px solid ${tokens.colorNeutralStroke2}`,
    alignSelf: "stretch",
  },
  link: {
    padding: "6px 16px",
    color: tokens.colorNeutralForeground1,
    textDecoration: "none",
    ":hover": { backgroundColor: tokens.colorNeutralBackground1Hover },
  },
  active: { backgroundColor: tokens.colorNeutralBackground1Selected, fontWeight: tokens.fontWeightSemibold },
  main: { flexGrow: 1, minWidth: 0 },
});

export function BladeMenu(props: { label: string; items: { label: string; to: string; end?: boolean }[]; children: ReactNode }) {
  const s = useStyles();
  return (
    <div className={s.layout}>
      <nav aria-label={props.label} className={s.nav}>
        {props.items.map((i) => (
          <NavLink key={i.to} to={i.to} end={i.end ?? true} className={({ isActive }) => (isActive ? `${s.link} ${s.active}` : s.link)}>
            {i.label}
          </NavLink>
        ))}
      </nav>
      <div className={s.main}>{props.children}</div>
    </div>
  );
}

export function EnterpriseAppsMenu(props: { children: ReactNode }) {
  return (
    <BladeMenu
      label="Enterprise applications"
      items={[
        { label: "All applications", to: paths.entra.enterpriseApps },
        { label: "Application proxy", to: paths.entra.applicationProxy },
      ]}
    >
      {props.children}
    </BladeMenu>
  );
}
