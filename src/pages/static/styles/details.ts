/** The monitor details page: URLs with copy buttons, snippets, the timeline, the duration chart, the event log. */
export const DETAILS_STYLES = `
[hidden]{display:none!important}
.actions form{margin:0}
.status-sentence{font-size:1.05rem;margin:.25rem 0}
.url-row{display:flex;flex-wrap:wrap;gap:.25rem .5rem;align-items:center;margin:.5rem 0}
.url-label{font-weight:600;min-width:6rem}
.url{background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:.2rem .4rem;word-break:break-all;user-select:all}
.url-row .hint{flex-basis:100%}
.snippet{border:1px solid var(--line);border-radius:6px;margin:.4rem 0;padding:.3rem .6rem}
.snippet summary{cursor:pointer;font-weight:600}
.snippet pre{margin:.5rem 0}
.switch{display:flex;flex-wrap:wrap;gap:.75rem;margin:.5rem 0}
.switch [aria-current]{font-weight:700;text-decoration:none;color:var(--fg)}
.timeline{margin:.5rem 0}
.timeline-strip{display:block;width:100%;height:2.5rem;border:1px solid var(--line);border-radius:4px}
.timeline-axis{display:flex;justify-content:space-between;font-size:.8rem}
.tl-up{fill:var(--up)}.tl-late{fill:var(--late)}.tl-down{fill:var(--down)}.tl-running{fill:var(--running)}
.tl-paused{fill:var(--paused)}.tl-new{fill:var(--new)}.tl-none{fill:var(--panel)}
.durations{margin:.5rem 0}
.durations-chart{display:block;width:100%;height:6rem;border-bottom:1px solid var(--line)}
.bar-ok{fill:var(--up)}.bar-fail{fill:var(--down)}
.event-log td{font-size:.9rem}
.event-log time{white-space:nowrap}
.ping-body pre{max-height:20rem;overflow:auto;white-space:pre-wrap}
.delivery-failed{color:var(--down);font-weight:600}.delivery-pending{color:var(--late)}
label.checkbox{font-weight:400;display:flex;gap:.5rem;align-items:center}
`;
