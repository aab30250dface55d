/** The monitor create/edit form: the schedule beside its preview on wide screens, rows of steps and windows. */
export const MONITOR_FORM_STYLES = `
.monitor-form fieldset{border:1px solid var(--line);border-radius:8px;padding:.5rem 1rem 1rem;margin:1rem 0;min-width:0}
.monitor-form legend{font-weight:700;padding:0 .25rem}
.monitor-form .field-row{display:flex;gap:.5rem;flex-wrap:wrap;align-items:center}
.monitor-form input[type=number]{width:10rem}
.monitor-form .check{display:flex;gap:.4rem;align-items:center;margin:.25rem 0}
.monitor-form .check label{display:inline;font-weight:400;margin:0}
.monitor-form .field.check label{font-weight:600}
.monitor-form .choice{display:flex;gap:1.25rem;flex-wrap:wrap}
.monitor-form .rows .row{border-top:1px solid var(--line);padding-top:.5rem;margin-top:.5rem}
.monitor-form fieldset.channels,.monitor-form fieldset.rows{margin:.75rem 0}
.monitor-form [aria-invalid=true]{border-color:var(--down);border-width:2px}
.schedule-grid{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:1rem;align-items:start}
.schedule-grid>fieldset{margin:0}
.schedule-preview{border:1px solid var(--line);border-left:4px solid var(--accent);border-radius:8px;background:var(--panel);padding:.5rem 1rem}
.schedule-preview table{font-size:.9rem}
.schedule-preview caption{text-align:left;font-weight:600;padding:.25rem 0}
.preview-words{font-size:1.05rem}
.preview-warnings{padding-left:1.1rem;color:var(--late)}
.preview-warnings li{margin:.25rem 0}
.preview-problem{color:var(--down)}
@media (max-width:56rem){.schedule-grid{grid-template-columns:minmax(0,1fr)}}
`;
