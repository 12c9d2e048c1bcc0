// The projector view (issue 11 part 4): rank, name, score and objectives done in large type, ranked by the API
// (score descending, then the earlier last pass), refreshing itself every 2 s, with the time left.
import { makeStyles, tokens } from "@fluentui/react-components";
import { useParams } from "react-router";
import { AppLink } from "@/shared/components/app-link";
import { ErrorMessage, Loading } from "@/shared/components/query-state";
import { usePageTitle } from "@/shared/portal/page-title";
import { PORTALS, PortalContext } from "@/shared/portal/portal-context";
import { useScoreboard, useWorkshop, workshopPaths } from "@/shared/workshops/api";
import { timeLeft, useNow } from "@/features/certlab/workshops/lib/time";

const useStyles = makeStyles({
  page: { minHeight: "100vh", boxSizing: "border-box", padding: "32px 48px", background: tokens.colorNeutralBackground1, color: tokens.colorNeutralForeground1 },
  head: { display: "flex", alignItems: "baseline", gap: "32px", flexWrap: "wrap" },
  title: { margin: 0, fontSize: "48px", lineHeight: 1.2, fontWeight: tokens.fontWeightSemibold, flex: "1 1 auto" },
  timer: { fontSize: "56px", fontVariantNumeric: "tabular-nums", fontWeight: tokens.fontWeightSemibold },
  code: { fontSize: "32px", fontFamily: tokens.fontFamilyMonospace },
  table: { width: "100%", borderCollapse: "collapse", marginTop: "24px", fontSize: "36px" },
  th: { textAlign: "left", fontSize: "24px", color: tokens.colorNeutralForeground2, borderBottom: `2px solid ${tokens.colorNeutralStroke1}`, padding: "8px 12px" },
  td: { padding: "10px 12px", borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  num: { textAlign: "right", fontVariantNumeric: "tabular-nums" },
  back: { fontSize: tokens.fontSizeBase300 },
});

export default function ScoreboardRoute() {
  // Outside every portal frame (a projector shows only the board), titled as a Certlab page.
  return (
    <PortalContext.Provider value={PORTALS.certlab}>
      <Scoreboard />
    </PortalContext.Provider>
  );
}

function Scoreboard() {
  const s = useStyles();
  const { workshopId = "" } = useParams();
  const workshop = useWorkshop(workshopId, true);
  const board = useScoreboard(workshopId);
  const now = useNow();
  const w = workshop.data;
  const objectives = board.data?.objectives ?? w?.objectives.length ?? 0;
  usePageTitle(w ? `${w.name} scoreboard` : "Scoreboard");
  return (
    <main className={s.page}>
      <div className={s.head}>
        <h1 className={s.title}>{w?.name ?? "Scoreboard"}</h1>
        {w && (
          <span className={s.timer} role="timer" aria-label="Time left">
            {w.state === "ended" ? "Ended" : timeLeft(w.endsAt, now)}
          </span>
        )}
        {w && w.state === "running" && <span className={s.code}>Join: {w.joinCode}</span>}
      </div>
      <AppLink to={workshopPaths.workshop(workshopId)} className={s.back}>
        Back to the dashboard
      </AppLink>
      {(board.isPending || workshop.isPending) && <Loading label="Reading the scores…" />}
      {board.error && <ErrorMessage error={board.error} />}
      {board.data && (
        <table className={s.table} aria-label="Scoreboard">
          <thead>
            <tr>
              <th className={s.th} scope="col">Rank</th>
              <th className={s.th} scope="col">Name</th>
              <th className={`${s.th} ${s.num}`} scope="col">Score</th>
              <th className={`${s.th} ${s.num}`} scope="col">Objectives done</th>
            </tr>
          </thead>
          <tbody>
            {board.data.rows.map((r) => (
              <tr key={r.seatId ?? `${r.rank}:${r.name}`}>
                <td className={s.td}>{r.rank}</td>
                <td className={s.td}>{r.name}</td>
                <td className={`${s.td} ${s.num}`}>{r.score}</td>
                <td className={`${s.td} ${s.num}`}>
                  {r.objectivesDone}
                  {` / ${objectives}`}
                </td>
              </tr>
            ))}
            {board.data.rows.length === 0 && (
              <tr>
                <td className={s.td} colSpan={4}>
                  Nobody has joined yet
                </td>
              </tr>
            )}
          </tbody>
        </table>
      )}
    </main>
  );
}
