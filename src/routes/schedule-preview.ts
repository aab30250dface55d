import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { json } from "../api/contract";
import { errorResponses } from "../api/errors";
import { previewOfQuery, renderSchedulePreview, SchedulePreviewView } from "../api/schedule-preview";
import { scoped } from "../api/scopes";
import type { AppEnv } from "../app-env";
import { schedulePreviewQuery } from "../schemas/schedule-preview";

const preview = createRoute({
  ...scoped("read"),
  tags: ["monitors"],
  method: "get",
  path: "/schedule-preview",
  summary: "A schedule in words, its next times and its pitfalls",
  description:
    "What a monitor with this `interval`, or `schedule` in `timezone`, would expect: the schedule in words, the next six expected times (in its zone and in `viewer_timezone`), and warnings for what people misread (`* 9 * * *` is every minute from 09:00 to 09:59). Computed by the server's own schedule code; nothing is stored. The fields are checked as a monitor's are, with the same messages.",
  request: { query: schedulePreviewQuery },
  responses: { 200: json(SchedulePreviewView, "The preview."), ...errorResponses(400) },
});

/** `GET /api/v1/schedule-preview`: pure computation, no storage. */
export function schedulePreviewRoutes(): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  app.openapi(preview, (c) => c.json(renderSchedulePreview(previewOfQuery(c.req.valid("query"), Date.now())), 200));
  return app;
}
