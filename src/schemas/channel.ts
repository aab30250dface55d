import { z } from "@hono/zod-openapi";
import { channelCreateInput, channelPatchInput, channelTypes } from "../channels/registry";
import type { ChannelType } from "../channels/types";

/**
 * The one place the admin API takes channel input schemas from the channel module. Functions, called
 * when the app is created: the channel kinds are read then, not when this module is imported.
 */
export const channelCreateBody = () => channelCreateInput().meta({ id: "ChannelCreate" });

/** PATCH: the schema of the stored channel's type, picked at run time. */
export const channelPatchBody = (type: ChannelType) => channelPatchInput(type);

/** For the document only: PATCH's body is one of the per-type partial schemas. */
export function channelPatchBodies() {
  const partials = channelTypes().map((type) =>
    channelPatchInput(type).meta({ id: `${type[0]?.toUpperCase()}${type.slice(1)}ChannelPatch` }),
  );
  return z
    .union(partials)
    .openapi(
      "ChannelPatch",
      { description: "The fields of the channel's own type, all optional; `type` may be repeated but never changed." },
      { unionPreferredType: "oneOf" },
    );
}
