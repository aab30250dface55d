/**
 * The monitor form's live preview: while the schedule fields change, asks /app/schedule-preview (the same
 * server code a submit runs) for the panel and puts it in place, with the viewer's own time zone, which it
 * also puts into the form so a re-rendered form shows it. Without it the form still works: the panel is
 * rendered by the server on each submit.
 */
export const SCHEDULE_PREVIEW_SCRIPT = `(()=>{
const f=document.querySelector("form[data-preview]");if(!f)return;
const zone=Intl.DateTimeFormat().resolvedOptions().timeZone,names=["schedule_kind","interval","interval_unit","schedule","timezone","grace"];
if(f.elements.viewer_timezone)f.elements.viewer_timezone.value=zone;
let timer,seq=0;
const refresh=async()=>{const d=new FormData(f),q=new URLSearchParams({viewer_timezone:zone}),mine=++seq;
for(const n of names)q.set(n,d.get(n)??"");
try{const r=await fetch("/app/schedule-preview?"+q,{headers:{accept:"text/html"}});
if(mine!==seq||!(r.ok||r.status===400))return;
const t=document.createElement("template");t.innerHTML=await r.text();
const panel=document.getElementById("schedule-preview"),next=t.content.firstElementChild;
if(panel&&next)panel.innerHTML=next.innerHTML}catch{}};
f.addEventListener("input",e=>{if(names.includes(e.target.name)){clearTimeout(timer);timer=setTimeout(refresh,300)}});
refresh()})();
`;
