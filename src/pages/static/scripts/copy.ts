/**
 * Copy buttons: each `button[data-copy]` copies the text of the element its value names (a URL, a snippet)
 * with navigator.clipboard. The buttons are hidden without JS; the text stays selectable.
 */
export const COPY_SCRIPT = `(()=>{
const buttons=document.querySelectorAll("button[data-copy]");
if(!navigator.clipboard)return;
for(const b of buttons){
b.hidden=false;
b.addEventListener("click",async()=>{
const target=document.getElementById(b.dataset.copy);
if(!target)return;
try{await navigator.clipboard.writeText(target.textContent.trim());b.textContent="Copied";}
catch{getSelection().selectAllChildren(target);b.textContent="Select and copy";}
setTimeout(()=>{b.textContent="Copy";},2000);
});
}
})();`;
