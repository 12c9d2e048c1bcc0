// The portal header: product name, search (filters the navigation), and the icons of the Azure portals'
// top-right corner: Switch directory, Notifications, Settings, Account manager.
import { lazy, Suspense, useState } from "react";
import { Button, CounterBadge, makeStyles, SearchBox, tokens } from "@fluentui/react-components";
import { Alert20Regular, ArrowSwap20Regular, BookOpen20Regular, PeopleTeam20Regular, Settings20Regular, TaskListLtr20Regular } from "@fluentui/react-icons";
import { Link } from "react-router";
import { useNotifications, notifications } from "@/shared/notifications/notification-store";
import { usePortal } from "@/shared/portal/portal-context";
import { paths } from "@/shared/paths";
import { useCanManageWorkshops, useMyWorkshop, workshopPaths } from "@/shared/workshops/api";
import { tasksPanel } from "@/shared/workshops/tasks-panel-store";
import { AccountMenu } from "@/app/shell/account-menu";
import { LOOKS } from "@/app/shell/portal-look";

// The panels load the first time they are opened (and stay mounted for their closing motion): the shell's first
// load carries only the bar (issue 8: first-load JS ≤ 250 KB gzipped).
const NotificationsPanel = lazy(() => import("@/app/shell/notifications-panel").then((m) => ({ default: m.NotificationsPanel })));
const SettingsPanel = lazy(() => import("@/app/shell/settings-panel").then((m) => ({ default: m.SettingsPanel })));
const SwitchDirectoryDialog = lazy(() => import("@/app/shell/switch-directory-dialog").then((m) => ({ default: m.SwitchDirectoryDialog })));
type PanelId = "notifications" | "settings" | "directory";

const useStyles = makeStyles({
  bar: { display: "flex", alignItems: "center", gap: "8px", height: "48px", padding: "0 8px 0 16px" },
  product: {
    color: "inherit",
    textDecoration: "none",
    fontWeight: tokens.fontWeightSemibold,
    fontSize: tokens.fontSizeBase400,
    whiteSpace: "nowrap",
    ":focus-visible": { outline: "2px solid currentColor", outlineOffset: "2px" },
  },
  search: { flex: "1 1 auto", display: "flex", justifyContent: "center", minWidth: 0 },
  searchBox: { width: "min(480px, 100%)" },
  icons: { display: "flex", alignItems: "center", gap: "2px" },
  icon: { color: "inherit", minWidth: "40px", height: "40px", position: "relative" },
  badge: { position: "absolute", top: "2px", right: "2px" },
  guides: {
    display: "flex",
    alignItems: "center",
    gap: "6px",
    height: "40px",
    padding: "0 10px",
    color: "inherit",
    textDecoration: "none",
    whiteSpace: "nowrap",
    borderRadius: tokens.borderRadiusMedium,
    ":hover": { background: "rgba(255, 255, 255, 0.12)" },
    ":focus-visible": { outline: "2px solid currentColor", outlineOffset: "-2px" },
  },
});

export function TopBar(props: { filter: string; onFilter: (text: string) => void; onSearchEnter: () => void }) {
  const s = useStyles();
  const portal = usePortal();
  const look = LOOKS[portal.id];
  const items = useNotifications();
  // Issue 11: trainers reach their workshops; a trainee (a workshop seat) reopens the Tasks panel instead.
  const canRunWorkshops = useCanManageWorkshops();
  const trainee = !!useMyWorkshop().data;
  const unread = items.filter((n) => !n.read).length;
  const [panel, setPanelState] = useState<"none" | PanelId>("none");
  const [opened, setOpened] = useState<ReadonlySet<PanelId>>(new Set());
  const setPanel = (p: PanelId) => {
    setOpened((o) => (o.has(p) ? o : new Set([...o, p])));
    setPanelState(p);
  };
  const close = () => setPanelState("none");
  return (
    <header className={s.bar} style={{ background: look.topBar, color: look.topBarText }}>
      <Link to={portal.basePath} className={s.product}>
        {portal.productName}
      </Link>
      <div className={s.search} role="search">
        <SearchBox
          className={s.searchBox}
          aria-label="Search"
          placeholder="Search resources, services, and docs (G+/)"
          value={props.filter}
          onChange={(_e, d) => props.onFilter(d.value)}
          onKeyDown={(e) => e.key === "Enter" && props.onSearchEnter()}
        />
      </div>
      <div className={s.icons}>
        {/* Issue 8: the guided flows, one per seed document, reachable from every portal. */}
        <Link to={paths.guides} className={s.guides}>
          <BookOpen20Regular aria-hidden />
          Guides
        </Link>
        {trainee ? (
          <Button appearance="transparent" className={s.guides} icon={<TaskListLtr20Regular />} onClick={() => tasksPanel.open()}>
            Tasks
          </Button>
        ) : (
          canRunWorkshops && (
            <Link to={workshopPaths.list} className={s.guides}>
              <PeopleTeam20Regular aria-hidden />
              Workshops
            </Link>
          )
        )}
        <Button
          appearance="transparent"
          className={s.icon}
          icon={<ArrowSwap20Regular />}
          aria-label="Switch directory"
          title="Switch directory"
          onClick={() => setPanel("directory")}
        />
        <Button
          appearance="transparent"
          className={s.icon}
          icon={<Alert20Regular />}
          aria-label="Notifications"
          title="Notifications"
          onClick={() => {
            setPanel("notifications");
            notifications.markAllRead();
          }}
        >
          {unread > 0 && <CounterBadge className={s.badge} count={unread} size="small" color="danger" aria-hidden />}
        </Button>
        <Button
          appearance="transparent"
          className={s.icon}
          icon={<Settings20Regular />}
          aria-label="Settings"
          title="Settings"
          onClick={() => setPanel("settings")}
        />
        <AccountMenu onSwitchDirectory={() => setPanel("directory")} />
      </div>
      <Suspense fallback={null}>
        {opened.has("notifications") && <NotificationsPanel open={panel === "notifications"} onClose={close} />}
        {opened.has("settings") && <SettingsPanel open={panel === "settings"} onClose={close} />}
        {opened.has("directory") && <SwitchDirectoryDialog open={panel === "directory"} onClose={close} />}
      </Suspense>
    </header>
  );
}
