import { slackCompatibleKind } from "../slack-compatible";

/** A Rocket.Chat incoming webhook integration (https://docs.rocket.chat/docs/integrations). */
export const rocketchat = slackCompatibleKind("rocketchat", "the Rocket.Chat incoming webhook URL (https://<your server>/hooks/...)");
