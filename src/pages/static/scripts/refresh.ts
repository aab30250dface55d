/**
 * The monitor list's live refresh, as healthchecks.io does it: poll /app/monitors/changes every 60 s, and
 * every 5 s for a minute after the tab becomes visible or the pointer moves. The server answers 204 when
 * nothing changed (one D1 query), else the changed rows (rendered by the server, so the page and a patch
 * cannot differ), the page's ids in order, the counters, title, icon and tag colours. A row keeps its checkbox ticked;
 * rows not replaced keep focus. "3 min ago" words move on between polls (the same words as monitor-row.tsx).
 */
export const REFRESH_SCRIPT = `(()=>{
const table=document.getElementById("monitor-list"),body=document.getElementById("monitor-rows");
if(!table||!body)return;
let marker=table.dataset.since||"",fastUntil=0,timer=0,busy=false;
const query=table.dataset.query;
const ago=ms=>ms<6e4?"just now":ms<36e5?Math.floor(ms/6e4)+" min ago":ms<1728e5?Math.floor(ms/36e5)+" h ago":Math.floor(ms/864e5)+" days ago";
const relabel=()=>{for(const t of document.querySelectorAll("time[data-rel=ago]"))t.textContent=ago(Math.max(0,Date.now()-Date.parse(t.dateTime)))};
const node=s=>{const t=document.createElement("template");t.innerHTML=s.trim();return t.content.firstElementChild};
const apply=d=>{
marker=d.marker;document.title=d.title;
const icon=document.querySelector("link[rel=icon]");if(icon)icon.href=d.favicon;
const counters=document.getElementById("counters");if(counters)counters.replaceWith(node(d.counters));
const keep=new Set(d.ids);
for(const r of [...body.children])if(!keep.has(r.id.slice(2)))r.remove();
let prev=null;
for(const id of d.ids){
let r=document.getElementById("m-"+id);
if(d.rows[id]){const n=node(d.rows[id]);const box=n.querySelector("input[name=ids]");
if(box&&r&&r.querySelector("input[name=ids]:checked"))box.checked=true;
if(r)r.replaceWith(n);r=n}
if(!r)continue;
if((prev?prev.nextElementSibling:body.firstElementChild)!==r)prev?prev.after(r):body.prepend(r);
prev=r}
const none=document.getElementById("no-monitors");if(none)none.hidden=d.ids.length>0;
for(const a of document.querySelectorAll("a.tag[data-tag]")){const s=d.tags[a.dataset.tag];if(s){a.className="chip tag tag-"+s;a.title="worst monitor: "+s}}};
const schedule=ms=>{clearTimeout(timer);timer=setTimeout(poll,ms)};
const poll=async()=>{busy=true;
try{const r=await fetch("/app/monitors/changes?since="+encodeURIComponent(marker)+(query?"&"+query:""),{headers:{accept:"application/json"}});
if(r.status===401)return location.reload();
if(r.status===200)apply(await r.json())}catch(e){}
busy=false;relabel();schedule(Date.now()<fastUntil?5e3:6e4)};
const hurry=()=>{const slow=fastUntil<Date.now();fastUntil=Date.now()+6e4;if(slow&&!busy)schedule(document.hidden?6e4:5e3)};
document.addEventListener("visibilitychange",()=>{if(!document.hidden){hurry();if(!busy)schedule(0)}});
document.addEventListener("pointermove",hurry,{passive:true});
schedule(6e4)})();
`;
