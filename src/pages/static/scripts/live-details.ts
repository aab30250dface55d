/**
 * The details page's live refresh, in the list's rhythm (refresh.ts): ask /app/monitors/<id>/version every
 * 60 s, every 5 s for a minute after the tab becomes visible or the pointer moves. When the version moves (a
 * ping, a status change, an edit), fetch the page again and swap in each `data-live` part by id: the status,
 * the history and the event log; forms, a ticked box and the scroll position stay as they are. One more swap
 * follows 5 s after each change, so a delivery's result that lands just after its alert opened shows too.
 */
export const LIVE_DETAILS_SCRIPT = `(()=>{
const root=document.querySelector("[data-version]");
if(!root)return;
let version=root.dataset.version,fastUntil=0,again=false,timer=0,busy=false;
const swap=async()=>{const r=await fetch(location.href,{headers:{accept:"text/html"}});
if(!r.ok)return;
const doc=new DOMParser().parseFromString(await r.text(),"text/html");
for(const old of document.querySelectorAll("[data-live]")){const n=doc.getElementById(old.id);if(n)old.replaceWith(document.importNode(n,true))}};
const schedule=ms=>{clearTimeout(timer);timer=setTimeout(poll,ms)};
const poll=async()=>{busy=true;
try{const r=await fetch(root.dataset.versionUrl,{headers:{accept:"application/json"}});
if(r.status===401||r.status===404)return location.reload();
if(r.ok){const v=(await r.json()).version;
if(v!==version||again){again=v!==version;version=v;fastUntil=Math.max(fastUntil,Date.now()+6e4);await swap()}}}catch(e){}
busy=false;schedule(again||Date.now()<fastUntil?5e3:6e4)};
const hurry=()=>{const slow=fastUntil<Date.now();fastUntil=Date.now()+6e4;if(slow&&!busy)schedule(document.hidden?6e4:5e3)};
document.addEventListener("visibilitychange",()=>{if(!document.hidden){hurry();if(!busy)schedule(0)}});
document.addEventListener("pointermove",hurry,{passive:true});
schedule(6e4)})();
`;
