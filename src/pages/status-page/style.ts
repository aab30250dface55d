/** The public status page's stylesheet (served at STATUS_PAGE_CSS_PATH: the page's CSP allows only 'self' styles). */
export const STATUS_PAGE_CSS_PATH = "/status/status.css";

export const STATUS_PAGE_CSS = `
:root{--bg:#fff;--fg:#1d232b;--muted:#5b6470;--line:#dde2e8;--card:#f7f8fa;
--up:#1a7f37;--late:#b35c00;--down:#c62a1f;--paused:#6b7280;--new:#2f6fca;--none:#d5dae1;color-scheme:light dark}
@media (prefers-color-scheme:dark){:root{--bg:#12161c;--fg:#e7ebf0;--muted:#a3acb8;--line:#2b333d;--card:#1a2029;
--up:#3fbf6a;--late:#f0a04b;--down:#f26b5e;--paused:#9aa3ae;--new:#6aa3f0;--none:#343c47}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{max-width:52rem;margin:0 auto;padding:1.5rem 1rem 3rem}
h1{font-size:1.6rem;margin:0}
.tag,.legend,footer,.note{color:var(--muted)}
.tag{margin:.25rem 0 1.25rem}
.overall{display:flex;align-items:center;gap:.6rem;font-size:1.2rem;font-weight:600;padding:.9rem 1rem;border:1px solid var(--line);border-radius:.5rem;background:var(--card)}
.monitors{list-style:none;margin:1.25rem 0;padding:0;border:1px solid var(--line);border-radius:.5rem}
.monitor{padding:.9rem 1rem}
.monitor+.monitor{border-top:1px solid var(--line)}
.row{display:flex;justify-content:space-between;gap:1rem;align-items:baseline;flex-wrap:wrap}
.name{font-weight:600;overflow-wrap:anywhere}
.state{display:inline-flex;align-items:center;gap:.4rem;font-weight:600}
.dot{display:inline-block;width:.75rem;height:.75rem;border-radius:50%;background:currentColor;flex:none}
.s-up{color:var(--up)}.s-late{color:var(--late)}.s-down{color:var(--down)}.s-paused{color:var(--paused)}.s-new{color:var(--new)}
.overall.s-up,.overall.s-late,.overall.s-down,.overall.s-paused,.overall.s-new{color:var(--fg)}
.overall .dot{width:1rem;height:1rem}
.overall.s-up .dot{background:var(--up)}.overall.s-late .dot{background:var(--late)}.overall.s-down .dot{background:var(--down)}
.overall.s-paused .dot{background:var(--paused)}.overall.s-new .dot{background:var(--new)}
.strip{display:block;width:100%;height:2rem;margin:.5rem 0 .25rem}
.d-up{fill:var(--up)}.d-late{fill:var(--late)}.d-down{fill:var(--down)}.d-paused{fill:var(--paused)}.d-none{fill:var(--none)}
.legend{display:flex;justify-content:space-between;font-size:.8rem}
footer{font-size:.85rem}
@media (max-width:30rem){.strip{height:1.6rem}}
`;
