/**
 * Copy buttons: each `button[data-copy]` copies the text of the element its value names (a URL, a snippet)
 * with navigator.clipboard. The buttons are hidden without JS; the text stays selectable. The accessible
 * name follows the visible word ("Copied the ping URL"), so a screen reader hears what a sighted user sees.
 */
export const COPY_SCRIPT = `(()=>{
const buttons=document.querySelectorAll("button[data-copy]");
if(!navigator.clipboard)return;
for(const b of buttons){
b.hidden=false;
const label=b.getAttribute("aria-label")||"Copy";
const what=label.replace(/^Copys*/,"");
const say=(word)=>{b.textContent=word;b.setAttribute("aria-label",word==="Copy"?label:word+" "+what);};
b.addEventListener("click",async()=>{
const target=document.getElementById(b.dataset.copy);
if(!target)return;
try{await navigator.clipboard.writeText(target.textContent.trim());say("Copied");}
catch{getSelection().selectAllChildren(target);say("Select and copy");}
setTimeout(()=>say("Copy"),2000);
});
}
})();`;
