/** The alerts, channels and team pages: delivery lists, key and snippet boxes, generated channel forms. */
export const ADMIN_AREA_STYLES = `
.deliveries{list-style:none;margin:0;padding:0;font-size:.9rem}
.deliveries li+li{margin-top:.2rem}
.delivery{font-weight:600}.delivery-delivered{color:var(--up)}.delivery-pending{color:var(--late)}.delivery-failed{color:var(--down)}
.last-result{color:var(--muted);overflow-wrap:anywhere}
.channel-ok{color:var(--up);font-weight:600}.channel-failing{color:var(--down);font-weight:600}
.inline-form{display:inline;margin:0}
.secret-once{font-size:1rem;padding:.5rem;border:2px dashed var(--accent);border-radius:6px;display:block;overflow-wrap:anywhere;margin:.5rem 0}
.snippet{white-space:pre-wrap;overflow-wrap:anywhere}
fieldset{border:1px solid var(--line);border-radius:6px;margin:1rem 0;padding:.5rem 1rem 1rem}
legend{font-weight:600;padding:0 .25rem}
.field-error{display:block;margin-top:.2rem}
.check label{display:inline;font-weight:400;margin-left:.35rem}
.test-result{margin:1rem 0}
`;
