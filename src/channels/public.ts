import { maskSecret } from "../transports/standard-webhooks";
import type { ChannelConfig } from "./types";

/** What the API may show of a channel's configuration: secrets masked unless `reveal` (creation only). */
export function publicChannelConfig(config: ChannelConfig, reveal: boolean) {
  switch (config.type) {
    case "webhook":
      return {
        url: config.url,
        secret: reveal ? config.secret : maskSecret(config.secret),
        headers: Object.fromEntries(Object.keys(config.headers).map((name) => [name, reveal ? config.headers[name] : "••••"])),
      };
  }
}
