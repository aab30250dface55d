import { z } from "@hono/zod-openapi";
import { channelCreateInput, channelKind, channelTypes } from "../channels/registry";

/**
 * The channel input schemas of the admin API's document, from the registry (a PATCH is checked by its
 * channel's own, `channelKind(type).patch`). Functions, called when the app is created: the channel
 * kinds are read then, not when this module is imported.
 */
export const channelCreateBody = () => channelCreateInput().meta({ id: "ChannelCreate" });

/**
 * For the document only: PATCH's body is any of the per-type partial schemas. `anyOf`, not `oneOf`: the
 * server checks a body against the stored channel's own type, which a client's validator cannot know, and
 * the commonest edit, `{"name":"renamed"}`, matches every type's schema (`oneOf` would refuse it).
 */
export function channelPatchBodies() {
  const partials = channelTypes().map((type) =>
    channelKind(type).patch.meta({ id: `${type[0]?.toUpperCase()}${type.slice(1)}ChannelPatch` }),
  );
  return z.union(partials).openapi(
    "ChannelPatch",
    {
      description:
        "The fields of the channel's own type, all optional (`name` alone is valid for every type); `type` may be repeated but never changed. The server checks the body against the stored channel's type: a field of another type is refused.",
    },
    { unionPreferredType: "anyOf" },
  );
}
