import { slackCompatibleKind } from "../slack-compatible";

/** A Mattermost incoming webhook (https://developers.mattermost.com/integrate/webhooks/incoming/). */
export const mattermost = slackCompatibleKind("mattermost", "the Mattermost incoming webhook URL (https://<your server>/hooks/...)");
