/** Hono's environment for every route: the Worker bindings from `wrangler types`. */
export interface AppEnv {
  Bindings: Env;
}
