/** The time-zone switch's "Your zone" link: the browser's IANA zone as `?tz=`, shown only with JS. */
export const TZ_SCRIPT = `(()=>{
const a=document.getElementById("tz-viewer");
if(!a)return;
const zone=Intl.DateTimeFormat().resolvedOptions().timeZone;
if(!zone)return;
const url=new URL(location.href);
url.searchParams.set("tz",zone);
url.hash="events";
a.href=url.pathname+url.search+url.hash;
a.textContent="Your zone ("+zone+")";
if(new URL(location.href).searchParams.get("tz")===zone)a.setAttribute("aria-current","true");
a.hidden=false;
})();`;
