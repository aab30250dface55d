import { upsertAlertStatement } from "../db/alerts";
import { channelFailingStatement } from "../db/channels";
import { upsertDeliveryStatement } from "../db/deliveries";
import { insertFlipStatement } from "../db/flips";
import { monitorConfigStatement, statusUpdateStatement } from "../db/monitors";
import type { SyncItem } from "./jobs";

/** Every sync item is idempotent D1 statements, so replaying a batch after a crash is harmless. */
export function syncStatements(db: D1Database, item: SyncItem): D1PreparedStatement[] {
  switch (item.kind) {
    case "status":
      return [
        statusUpdateStatement(db, item.flip),
        insertFlipStatement(db, { ...item.change, monitorId: item.flip.monitorId, at: item.flip.at, to: item.flip.status }),
      ];
    case "alert":
      return [upsertAlertStatement(db, item.alert)];
    case "delivery":
      return [upsertDeliveryStatement(db, item.record)];
    case "config":
      return [monitorConfigStatement(db, item.config)];
    case "channel_failing":
      return [channelFailingStatement(db, item.channelId, item.reason, item.at)];
  }
}
