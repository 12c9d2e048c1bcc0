// Where the trainee's Tasks panel goes in every portal's frame (beside the guide panel). Only a workshop seat has
// one (the session says so: GET /api/workshop is asked for trainees only); its content is its own chunk, loaded for
// trainees only.
import { lazy, Suspense } from "react";
import { useMyWorkshop } from "@/shared/workshops/api";
import { useTasksPanelOpen } from "@/shared/workshops/tasks-panel-store";

const TasksPanelContent = lazy(() => import("@/shared/workshops/tasks-panel-content"));

export function TasksPanel() {
  const me = useMyWorkshop();
  const open = useTasksPanelOpen();
  if (!me.data || !open) return null;
  return (
    <Suspense fallback={null}>
      <TasksPanelContent workshop={me.data} />
    </Suspense>
  );
}
