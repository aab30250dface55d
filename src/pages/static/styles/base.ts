/**
 * The dashboard's base: colours as variables for light and dark (following the system), type, layout,
 * forms, tables, buttons, and the status words' colours. Status is always a word too, never colour alone.
 * Contrast: every text colour here is at least 4.5:1 on its background (WCAG AA).
 */
export const BASE_STYLES = `
:root{--bg:#fff;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--panel:#f6f8fa;--accent:#0550ae;--accent-fg:#fff;
--up:#1a7f37;--late:#9a6700;--down:#cf222e;--running:#0550ae;--paused:#59636e;--new:#6639ba;--focus:#0969da;color-scheme:light dark}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;--panel:#151b23;
--accent:#4493f8;--accent-fg:#0d1117;--up:#3fb950;--late:#d29922;--down:#f85149;--running:#58a6ff;--paused:#9198a1;--new:#ab7df8;--focus:#58a6ff}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif}
a{color:var(--accent)}
p{overflow-wrap:break-word}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:var(--bg);padding:.25rem .5rem;z-index:9}
.top{display:flex;flex-wrap:wrap;gap:.5rem 1.25rem;align-items:center;padding:.6rem 1rem;border-bottom:1px solid var(--line);background:var(--panel)}
.brand{font-weight:700;text-decoration:none;color:var(--fg)}
.top nav{display:flex;gap:1rem;flex-wrap:wrap}
.top nav a{text-decoration:none;padding:.2rem 0}
.top nav a[aria-current=page]{font-weight:600;border-bottom:2px solid var(--accent)}
.session{margin-left:auto;display:flex;gap:.75rem;align-items:center;font-size:.9rem;color:var(--muted)}
.session form{margin:0}
main{max-width:72rem;margin:0 auto;padding:1rem}
h1{font-size:1.4rem;margin:.5rem 0 1rem}h2{font-size:1.15rem;margin:1.5rem 0 .5rem}
.muted{color:var(--muted)}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:.4rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
th{font-weight:600;font-size:.85rem;color:var(--muted)}
.table-wrap{overflow-x:auto}
label{display:block;font-weight:600;margin:.75rem 0 .25rem}
.hint{display:block;font-weight:400;color:var(--muted);font-size:.85rem}
input,select,textarea{font:inherit;color:var(--fg);background:var(--bg);border:1px solid var(--line);border-radius:6px;padding:.4rem .5rem;max-width:100%}
input[type=text],input[type=password],input[type=url],input[type=number],textarea,select{width:32rem}
input[type=checkbox]{width:auto}
button,.button{font:inherit;cursor:pointer;border-radius:6px;border:1px solid var(--line);background:var(--panel);color:var(--fg);padding:.35rem .8rem;text-decoration:none;display:inline-block}
button.primary,.button.primary{background:var(--accent);color:var(--accent-fg);border-color:var(--accent)}
button.danger{color:var(--down);border-color:var(--down)}
button.link{background:none;border:0;padding:0;color:var(--accent);text-decoration:underline}
.actions{display:flex;gap:.5rem;flex-wrap:wrap;align-items:center;margin:1rem 0}
.error,.field-error{color:var(--down);font-weight:600}
.notice{border:1px solid var(--line);border-left:4px solid var(--accent);background:var(--panel);padding:.6rem .8rem;margin:1rem 0}
.notice.bad{border-left-color:var(--down)}
.chip{display:inline-block;border:1px solid var(--line);border-radius:999px;padding:0 .5rem;font-size:.8rem}
.status{font-weight:600;white-space:nowrap}
.status::before{content:"";display:inline-block;width:.7em;height:.7em;border-radius:50%;margin-right:.35em;background:currentColor}
.status-up{color:var(--up)}.status-late{color:var(--late)}.status-down{color:var(--down)}
.status-running{color:var(--running)}.status-paused{color:var(--paused)}.status-new{color:var(--new)}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.85rem}
pre{background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:.6rem;overflow-x:auto}
.card{max-width:28rem;margin:3rem auto;border:1px solid var(--line);border-radius:8px;padding:1.25rem 1.5rem;background:var(--panel)}
.card input[type=text],.card input[type=password]{width:100%}
@media (max-width:40rem){input[type=text],input[type=password],input[type=url],input[type=number],textarea,select{width:100%}
.session{margin-left:0;width:100%}main{padding:.75rem}}
`;
