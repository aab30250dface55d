import type { AppEnv } from "../app-env";
import type { Session } from "../services/sessions";

/**
 * Hono's environment for the dashboard's pages: the Worker's bindings, the CSP nonce of this response
 * (every <script> carries it), and, behind requireSession(), the signed-in browser's session.
 */
export interface PageEnv {
  Bindings: Env;
  Variables: AppEnv["Variables"] & { nonce: string; session: Session };
}
