import { metricsMonitorsPage, openAlertCount } from "../db/metrics";
import { familyText, METRIC_FAMILIES, type MetricsSeries, metricsSeries, openAlertsText } from "../domain/metrics";

/**
 * Monitors one D1 query reads for a scrape: a team of 10,000 is 20 queries plus one for the open alerts,
 * well within a Worker's queries per invocation (1,000 on the paid plan, 50 on the free one).
 */
export const METRICS_PAGE = 500;

type Page = Awaited<ReturnType<typeof metricsMonitorsPage>>;

/**
 * The exposition in pieces. The first family goes out a page at a time as D1 answers; the monitors' labels
 * are kept (a few hundred bytes each, so 10,000 monitors are a few MB) to render the other families from, a
 * page of monitors per piece. So memory holds the monitors and one piece of text, never the whole text
 * (about 1.5 KB per monitor), and D1 is read once.
 */
async function* pieces(db: D1Database, teamId: string, firstPage: Page): AsyncGenerator<string> {
  const series: MetricsSeries[] = [];
  for (let page = firstPage, first = true; ; first = false) {
    const pageSeries = page.monitors.map(metricsSeries);
    series.push(...pageSeries);
    yield familyText(0, pageSeries, first);
    if (page.monitors.length < METRICS_PAGE || page.last === null) break;
    page = await metricsMonitorsPage(db, teamId, page.last, METRICS_PAGE);
  }
  for (let family = 1; family < METRIC_FAMILIES; family++) {
    for (let i = 0; i === 0 || i < series.length; i += METRICS_PAGE) {
      yield familyText(family, series.slice(i, i + METRICS_PAGE), i === 0);
    }
  }
  yield openAlertsText(await openAlertCount(db, teamId));
}

/**
 * The team's Prometheus metrics as a stream. The first page is read before the answer starts, so a D1 that
 * does not answer is the route's error (a clean 5xx); a later failure cuts the stream short (the scraper
 * sees a broken exposition and marks the scrape failed) and is handed to `onError` to be logged.
 */
export async function metricsStream(db: D1Database, teamId: string, onError: (err: unknown) => void): Promise<ReadableStream<Uint8Array>> {
  const iterator = pieces(db, teamId, await metricsMonitorsPage(db, teamId, null, METRICS_PAGE));
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        for (;;) {
          const next = await iterator.next();
          if (next.done) return controller.close();
          if (next.value !== "") return controller.enqueue(encoder.encode(next.value));
        }
      } catch (err) {
        onError(err);
        controller.error(err);
      }
    },
    async cancel() {
      await iterator.return(undefined);
    },
  });
}
