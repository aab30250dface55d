/**
 * The list's "select all" checkbox (hidden without JS: each row's own checkbox works alone). Rows come and
 * go with the refresh, so the boxes are looked up each time.
 */
export const SELECT_ALL_SCRIPT = `(()=>{
const all=document.getElementById("select-all"),body=document.getElementById("monitor-rows");
if(!all||!body)return;
all.hidden=false;
const boxes=()=>[...body.querySelectorAll("input[name=ids]")];
all.addEventListener("change",()=>{for(const b of boxes())b.checked=all.checked});
body.addEventListener("change",()=>{const b=boxes();all.checked=b.length>0&&b.every(x=>x.checked)})})();
`;
