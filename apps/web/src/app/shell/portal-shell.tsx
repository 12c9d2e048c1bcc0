// One portal's frame: top bar, breadcrumbs, left navigation and the blade (landmarks header/nav/main).
import { Suspense, useState } from "react";
import { makeStyles, tokens } from "@fluentui/react-components";
import { Outlet, useNavigate } from "react-router";
import { Loading } from "@/shared/components/query-state";
import { PORTALS, PortalContext, type PortalId } from "@/shared/portal/portal-context";
import { Breadcrumbs } from "@/app/shell/breadcrumbs";
import { GuidePanel } from "@/app/shell/guide-panel";
import { LeftNav } from "@/app/shell/left-nav";
import { NAV } from "@/app/shell/nav-config";
import { TopBar } from "@/app/shell/top-bar";
import { TasksPanel } from "@/shared/workshops/tasks-panel";
import { useCanManageWorkshops, useMyWorkshop, workshopPaths } from "@/shared/workshops/api";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", height: "100vh", background: tokens.colorNeutralBackground1 },
  body: { display: "flex", flex: "1 1 auto", minHeight: 0 },
  main: { flex: "1 1 auto", overflow: "auto", minWidth: 0 },
  skip: {
    position: "absolute",
    left: "-9999px",
    ":focus": { left: "8px", top: "8px", zIndex: 1000, padding: "8px", background: tokens.colorNeutralBackground1 },
  },
});

export function PortalShell(props: { portal: PortalId }) {
  const s = useStyles();
  const portal = PORTALS[props.portal];
  const [filter, setFilter] = useState("");
  const navigate = useNavigate();
  // Issue 11: "Workshops" is for trainers; a workshop seat (trainee) and a role without workshops.manage don't see it.
  const canRunWorkshops = useCanManageWorkshops();
  const seat = useMyWorkshop().data;
  const trainer = canRunWorkshops && !seat;
  const sections = trainer ? NAV[props.portal] : NAV[props.portal].map((x) => ({ ...x, items: x.items.filter((i) => i.to !== workshopPaths.list) }));
  const firstMatch = () => {
    const text = filter.trim().toLowerCase();
    const hit = sections.flatMap((x) => x.items).find((i) => text && i.label.toLowerCase().includes(text));
    if (hit) {
      navigate(hit.to);
      setFilter("");
    }
  };
  return (
    <PortalContext.Provider value={portal}>
      <div className={s.root} data-portal={portal.id}>
        <a href="#main" className={s.skip}>
          Skip to main content
        </a>
        <TopBar filter={filter} onFilter={setFilter} onSearchEnter={firstMatch} />
        <div className={s.body}>
          <LeftNav sections={sections} filter={filter} />
          <main id="main" className={s.main} tabIndex={-1}>
            <Breadcrumbs />
            <Suspense fallback={<div style={{ padding: 24 }}><Loading /></div>}>
              <Outlet />
            </Suspense>
          </main>
          <GuidePanel />
          <TasksPanel />
        </div>
      </div>
    </PortalContext.Provider>
  );
}
