/** The monitor list: counters, filters, the bulk bar, rows, tag chips by their worst monitor, the 24-hour strip. */
export const MONITORS_LIST_STYLES = `
.list-head{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.5rem}
.counters{display:flex;flex-wrap:wrap;gap:.4rem;margin:.5rem 0 1rem}
.counter{border:1px solid var(--line);border-radius:6px;padding:.25rem .6rem;text-decoration:none;color:var(--fg)}
.counter.status{color:var(--fg)}.counter .count{font-weight:700}
.counter[aria-current=true]{border-color:var(--accent);box-shadow:inset 0 -2px 0 var(--accent)}
.counter.status-up::before{background:var(--up)}.counter.status-late::before{background:var(--late)}
.counter.status-down::before{background:var(--down)}.counter.status-running::before{background:var(--running)}
.counter.status-paused::before{background:var(--paused)}.counter.status-new::before{background:var(--new)}
.filters{display:flex;flex-wrap:wrap;gap:0 1rem;align-items:flex-end}
.filters input[type=text],.filters select{width:12rem}
.filters .actions{margin:.5rem 0}
.bulk{margin:.5rem 0}
.monitor-list td.pick,.monitor-list th.pick{width:2rem}
.monitor-list .name{min-width:11rem}.monitor-list .name a{font-weight:600}
.tags{display:inline-flex;flex-wrap:wrap;gap:.25rem}
.chip.tag{text-decoration:none;color:var(--fg);border-width:2px}
.tag-up{border-color:var(--up)}.tag-late{border-color:var(--late)}.tag-down{border-color:var(--down)}
.tag-running{border-color:var(--running)}.tag-paused{border-color:var(--paused)}.tag-new{border-color:var(--new)}
.never{font-style:italic;color:var(--new)}
.strip{width:9rem;height:.9rem;display:block;border:1px solid var(--line)}
.strip-up{fill:var(--up)}.strip-late{fill:var(--late)}.strip-down{fill:var(--down)}.strip-running{fill:var(--running)}
.strip-paused{fill:var(--paused)}.strip-new{fill:var(--new)}.strip-none{fill:var(--panel)}
.pager{justify-content:space-between}
#delete-list{margin:1rem 0}
`;
