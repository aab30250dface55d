import { z } from "@hono/zod-openapi";
import { channelCreateInput, channelKind, channelTypes } from "../channels/registry";

/**
 * The channel input schemas of the admin API's document, from the registry (a PATCH is checked by its
 * channel's own, `channelKind(type).patch`). Functions, called when the app is created: the channel
 * kinds are read then, not when this module is imported.
 */
export const channelCreateBody = () => channelCreateInput().meta({ id: "ChannelCreate" });

/** For the document only: PATCH's body is one of the per-type partial schemas. */
export function channelPatchBodies() {
  const partials = channelTypes().map((type) =>
    channelKind(type).patch.meta({ id: `${type[0]?.toUpperCase()}${type.slice(1)}ChannelPatch` }),
  );
  return z
    .union(partials)
    .openapi(
      "ChannelPatch",
      { description: "The fields of the channel's own type, all optional; `type` may be repeated but never changed." },
      { unionPreferredType: "oneOf" },
    );
}
