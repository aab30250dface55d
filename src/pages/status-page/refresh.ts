/** Where the status page's one script is served (same origin: the page's CSP allows 'self' only). */
export const STATUS_PAGE_SCRIPT_PATH = "/status/refresh.js";

/**
 * The status page reloads itself every minute while its "Refresh every minute" box is ticked, so a page
 * left open on a screen stays current, and a reader who needs time can stop it (WCAG 2.2.1; a meta
 * refresh cannot be stopped). The choice is kept for the tab. Without JavaScript the box stays hidden and
 * the page is as of its load, which its footer says.
 */
export const STATUS_PAGE_SCRIPT = `(()=>{
const box=document.getElementById("auto-refresh");
const control=document.getElementById("refresh-control");
if(!box||!control)return;
const KEY="lubdub-status-refresh";
let timer;
const arm=()=>{clearTimeout(timer);if(box.checked)timer=setTimeout(()=>location.reload(),60000);};
box.checked=sessionStorage.getItem(KEY)!=="off";
control.hidden=false;
box.addEventListener("change",()=>{sessionStorage.setItem(KEY,box.checked?"on":"off");arm();});
arm();
})();`;
